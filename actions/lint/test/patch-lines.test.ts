import { describe, expect, it } from '@jest/globals'
import { commentSyntax, withoutComments } from '../src/comments.js'
import { newSideLines } from '../src/patch-lines.js'

describe('newSideLines', () => {
  it('numbers the new version across hunks, leaving removed lines out', () => {
    const patch = [
      'diff --git a/x.ts b/x.ts',
      '@@ -1,3 +1,3 @@',
      ' one',
      '-two',
      '+2',
      '',
      '\\ No newline at end of file',
      '@@ -40 +40,2 @@ function f() {',
      '+added\r',
      ' forty',
    ].join('\n')
    expect(newSideLines(patch)).toEqual([
      { line: 1, text: 'one', added: false, hunk: 0 },
      { line: 2, text: '2', added: true, hunk: 0 },
      { line: 3, text: '', added: false, hunk: 0 },
      { line: 40, text: 'added', added: true, hunk: 1 },
      { line: 41, text: 'forty', added: false, hunk: 1 },
    ])
  })
})

describe('withoutComments', () => {
  it.each<[string, string]>([
    ['src/a.ts', 'c'],
    ['lib/tool.PY', 'hash'],
    ['.github/workflows/ci.yml', 'hash'],
    ['web/App.vue', 'markup'],
    ['Makefile', 'c'],
  ])('reads %s as %s', (path, syntax) => {
    expect(commentSyntax(path)).toBe(syntax)
  })

  it.each<[string, string[], string[]]>([
    ['c', ['a // b', "'//' + x // y"], ['a ', "'//' + x "]],
    ['c', ['a /* b', 'c */ d', 'e'], ['a ', '  d', 'e']],
    [
      'c',
      ['const s = `line', '// still text`; f() // gone'],
      ['const s = `line', '// still text`; f() '],
    ],
    ['c', ["'unclosed", '// comment'], ["'unclosed", '']],
    ['c', ['"a \\" // b" // c'], ['"a \\" // b" ']],
    ['hash', ['x = "#" # note', '# all'], ['x = "#" ', '']],
    ['hash', ['a /* not a comment */'], ['a /* not a comment */']],
    ['markup', ['<p>x</p> <!-- y', 'z --> w'], ['<p>x</p> ', '  w']],
  ])('in %s syntax turns %j into %j', (syntax, lines, code) => {
    expect(withoutComments(lines, syntax as 'c' | 'hash' | 'markup')).toEqual(
      code,
    )
  })
})
