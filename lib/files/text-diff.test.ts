import { describe, expect, it } from '@jest/globals'
import { renderDiff } from './text-diff.js'

describe('renderDiff', () => {
  it('shows each changed line of a lockfile, in one hunk when close', () => {
    const before =
      '{\n  "name": "x",\n  "version": "1.2.0",\n  "lockfileVersion": 3,\n  "packages": {\n    "": {\n      "name": "x",\n      "version": "1.2.0"\n    }\n  }\n}\n'
    const after = before.split('1.2.0').join('2.0.0')
    expect(renderDiff({ path: 'package-lock.json', before, after })).toBe(
      [
        '--- a/package-lock.json',
        '+++ b/package-lock.json',
        '@@ -1,10 +1,10 @@',
        ' {',
        '   "name": "x",',
        '-  "version": "1.2.0",',
        '+  "version": "2.0.0",',
        '   "lockfileVersion": 3,',
        '   "packages": {',
        '     "": {',
        '       "name": "x",',
        '-      "version": "1.2.0"',
        '+      "version": "2.0.0"',
        '     }',
        '   }',
      ].join('\n'),
    )
  })

  it('splits changes far apart into hunks', () => {
    const old = Array.from({ length: 20 }, (_, i) => `line ${i}`)
    const next = old.map((l, i) => (i === 3 || i === 15 ? `${l}!` : l))
    const diff = renderDiff({
      path: 'f',
      before: old.join('\n'),
      after: next.join('\n'),
    })
    expect(diff.split('\n').filter((l) => l.startsWith('@@'))).toEqual([
      '@@ -2,5 +2,5 @@',
      '@@ -14,5 +14,5 @@',
    ])
  })

  it('shows a new file as all additions', () => {
    expect(
      renderDiff({
        path: 'CHANGELOG.md',
        before: undefined,
        after: '# Changelog\n',
      }),
    ).toBe(
      [
        '--- /dev/null',
        '+++ b/CHANGELOG.md',
        '@@ -0,0 +1,2 @@',
        '+# Changelog',
        '+',
      ].join('\n'),
    )
  })

  it('shows an insertion in a long file with two lines of context', () => {
    const old = Array.from({ length: 50 }, (_, i) => `line ${i}`)
    const next = [...old.slice(0, 3), 'new a', 'new b', ...old.slice(3)]
    const diff = renderDiff({
      path: 'f',
      before: old.join('\n'),
      after: next.join('\n'),
    })
    expect(diff.split('\n').slice(2)).toEqual([
      '@@ -2,4 +2,6 @@',
      ' line 1',
      ' line 2',
      '+new a',
      '+new b',
      ' line 3',
      ' line 4',
    ])
  })

  it('shows nothing but the header for equal texts', () => {
    expect(renderDiff({ path: 'f', before: 'a\n', after: 'a\n' })).toBe(
      '--- a/f\n+++ b/f',
    )
  })
})
