import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
        '@@ -0,0 +1 @@',
        '+# Changelog',
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

  it('ends at the last line: a final newline is no extra line', () => {
    const before = 'a\nb\nc\n'
    const diff = renderDiff({ path: 'f', before, after: 'a\nb\nC\n' })
    expect(diff.split('\n').slice(2)).toEqual([
      '@@ -1,3 +1,3 @@',
      ' a',
      ' b',
      '-c',
      '+C',
    ])
  })

  it('marks a last line without its newline as diff does', () => {
    const diff = renderDiff({ path: 'f', before: 'a\nb', after: 'a\nb\n' })
    expect(diff.split('\n').slice(2)).toEqual([
      '@@ -1,2 +1,2 @@',
      ' a',
      '-b',
      '\\ No newline at end of file',
      '+b',
    ])
  })

  it.each([
    ['a\nb\nc\n', 'a\nB\nc\n'],
    ['a\nb\nc', 'a\nb\nc\n'],
    ['a\nb\nc\n', 'a\nb\nc'],
    ['', 'new\n'],
    ['x\n', ''],
    [
      Array.from({ length: 40 }, (_, i) => `l${i}\n`).join(''),
      Array.from({ length: 40 }, (_, i) =>
        i % 13 === 0 ? `L${i}\n` : `l${i}\n`,
      ).join(''),
    ],
  ])('writes a patch git apply accepts for %j → %j', (before, after) => {
    const dir = mkdtempSync(join(tmpdir(), 'diff-apply-'))
    try {
      writeFileSync(join(dir, 'f'), before)
      execFileSync('git', ['init', '-q'], { cwd: dir })
      const patch = `${renderDiff({ path: 'f', before, after })}\n`
      writeFileSync(join(dir, 'p.diff'), patch)
      execFileSync('git', ['apply', 'p.diff'], { cwd: dir })
      expect(readFileSync(join(dir, 'f'), 'utf8')).toBe(after)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('renderDiff on large files', () => {
  it('shows hundreds of scattered one-line edits as small hunks', () => {
    const before = Array.from({ length: 100_000 }, (_, i) => `line ${i}`)
    const after = before.map((l, i) => (i % 250 === 0 ? `${l} changed` : l))
    const diff = renderDiff({
      path: 'big.yaml',
      before: `${before.join('\n')}\n`,
      after: `${after.join('\n')}\n`,
    })
    const lines = diff.split('\n')
    expect(lines.filter((l) => l.startsWith('@@'))).toHaveLength(400)
    expect(lines.filter((l) => l.startsWith('-line'))).toHaveLength(400)
    expect(lines.length).toBeLessThan(400 * 7 + 3)
  })
})
