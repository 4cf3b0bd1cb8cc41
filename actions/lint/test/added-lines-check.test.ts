import { describe, expect, it } from '@jest/globals'
import type { AddedLineSettings } from '../src/added-lines-check.js'
import { anyFolder, lintAddedLines } from '../src/added-lines-check.js'
import type { ChangedFile } from '../src/pull-request.js'
import {
  DEFAULT_CODE_EXTENSIONS,
  DEFAULT_EXCLUDE,
  DEFAULT_FORBIDDEN,
  forbiddenPatterns,
} from '../src/rule-inputs.js'
import { A_TS_PATCH, C51_FILES } from './c51-files.js'

const DEFAULTS: AddedLineSettings = {
  forbidden: forbiddenPatterns('forbidden-patterns', DEFAULT_FORBIDDEN),
  extensions: DEFAULT_CODE_EXTENSIONS,
  exclude: DEFAULT_EXCLUDE,
}

const asChanged = C51_FILES.map((f): ChangedFile => ({
  path: f.filename,
  status: f.status,
  additions: f.additions,
  ...(f.patch !== undefined && { patch: f.patch }),
}))

/** One added line in a file of that name, as `path:line text` findings. */
function found(path: string, line: string, settings = DEFAULTS): string[] {
  const patch = `@@ -1,0 +1,1 @@\n+${line}`
  return lintAddedLines(
    [{ path, status: 'added', patch }],
    settings,
  ).findings.map((f) => `${f.file ?? ''}:${f.line ?? 0} ${f.message}`)
}

describe('lintAddedLines', () => {
  it('C51 finds the one console.log call of src/a.ts, on its new line 10', () => {
    const outcome = lintAddedLines(asChanged, DEFAULTS)
    expect(outcome.findings).toEqual([
      {
        check: 'added-lines',
        message: '`console.log(` in an added line',
        hint: 'remove it before merging (forbidden pattern (?<![\\w$.])console\\.log\\s*\\()',
        file: 'src/a.ts',
        line: 10,
      },
    ])
    // scripts/ and *.test.ts are excluded, README.md is no code file.
    expect(outcome.checked).toBe(1)
    expect(outcome.unchecked).toEqual(['src/huge.ts'])
  })

  it.each<[string, string, number]>([
    ['a call', 'console.log("x")', 1],
    ['a call with a space', 'console.log ("x")', 1],
    ['a property access', 'logger.console.log("x")', 0],
    ['an identifier that ends in console', 'myconsole.log(1)', 0],
    ['a line comment', '// console.log(old)', 0],
    ['a trailing comment', 'run() // console.log(old)', 0],
    ['a block comment', 'run() /* console.log(1) */', 0],
    ['a URL in a string', "fetch('http://x') ; console.log(1)", 1],
    ['debugger', '  debugger', 1],
    ['debugger inside a word', 'const debuggerOn = true', 0],
    ['it.only', "it.only('runs alone', () => {})", 1],
    ['describe.only', "describe.only('x', () => {})", 1],
    ['test.only', "test.only('x', () => {})", 1],
    ['fit', "fit('x', () => {})", 1],
    ['fdescribe', "fdescribe('x', () => {})", 1],
    ['a plain it', "it('x', () => {})", 0],
    ['a method named only', 'query.only(1)', 0],
  ])('C51 judges %s', (_name, line, count) => {
    expect(found('src/x.ts', line)).toHaveLength(count)
  })

  it('follows a block comment over the lines of a hunk', () => {
    const patch = [
      '@@ -1,1 +1,4 @@',
      ' /*',
      '+ console.log(1)',
      '+*/ console.log(2)',
      '+console.log(3) // done',
    ].join('\n')
    const lines = lintAddedLines(
      [{ path: 'src/x.ts', status: 'modified', patch }],
      DEFAULTS,
    ).findings.map((f) => f.line)
    expect(lines).toEqual([3, 4])
  })

  it('reads # comments in a hash-commented language', () => {
    const settings = { ...DEFAULTS, extensions: ['py'] }
    const patterns = forbiddenPatterns('forbidden-patterns', [
      String.raw`\bprint\(`,
    ])
    const py = { ...settings, forbidden: patterns }
    expect(found('tool.py', '# print(x)', py)).toEqual([])
    expect(found('tool.py', "print('#')", py)).toEqual([
      'tool.py:1 `print(` in an added line',
    ])
  })

  it.each<[string, boolean]>([
    ['src/a.ts', true],
    ['src/a.test.ts', false],
    ['packages/ui/src/button.spec.tsx', false],
    ['packages/ui/__tests__/button.tsx', false],
    ['test/support/x.ts', false],
    ['packages/api/test/x.ts', false],
    ['scripts/dev.js', false],
    ['tools/scripts/dev.js', true],
    ['docs/example.md', false],
    ['src/STYLE.TS', true],
  ])('by default checks %s: %s', (path, checked) => {
    expect(found(path, 'debugger')).toHaveLength(checked ? 1 : 0)
  })

  it('takes a path back from the exclusions with !glob', () => {
    const settings = { ...DEFAULTS, exclude: ['scripts/**', '!scripts/ci/**'] }
    expect(found('scripts/dev.js', 'debugger', settings)).toEqual([])
    expect(found('scripts/ci/x.js', 'debugger', settings)).toHaveLength(1)
  })

  it('ignores removed files, and renames that add nothing', () => {
    const files: ChangedFile[] = [
      { path: 'src/gone.ts', status: 'removed', additions: 0 },
      { path: 'src/moved.ts', status: 'renamed', additions: 0 },
      { path: 'src/blob.js', status: 'added' },
    ]
    expect(lintAddedLines(files, DEFAULTS)).toEqual({
      findings: [],
      checked: 0,
      unchecked: ['src/blob.js'],
    })
  })

  it('never blames a removed line or a context line', () => {
    const patch = A_TS_PATCH.replace(
      '+  console.log("x")',
      '   console.log("x")',
    )
    const outcome = lintAddedLines(
      [{ path: 'src/a.ts', status: 'modified', patch }],
      DEFAULTS,
    )
    expect(outcome.findings).toEqual([])
  })
})

describe('anyFolder', () => {
  it.each([
    ['*.test.ts', '**/*.test.ts'],
    ['!*.test.ts', '!**/*.test.ts'],
    ['scripts/**', 'scripts/**'],
    ['fixtures/', '**/fixtures/**'],
    ['src/gen/', 'src/gen/**'],
  ])('reads %s as %s', (glob, read) => {
    expect(anyFolder(glob)).toBe(read)
  })
})
