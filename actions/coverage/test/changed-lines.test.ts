import { afterEach, describe, expect, it } from '@jest/globals'
import { Git } from '../../../lib/git/index.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import type { ChangedLines } from '../src/changed-lines.js'
import {
  DiffReader,
  changedCoverage,
  readChangedLines,
  unquote,
} from '../src/changed-lines.js'
import { LcovReader } from '../src/lcov.js'
import { lcov, mapSink } from './helpers.js'

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

function parse(diff: string, pieces = 1): Record<string, readonly number[]> {
  const reader = new DiffReader()
  const size = Math.ceil(diff.length / pieces)
  for (let i = 0; i < diff.length; i += size)
    reader.write(diff.slice(i, i + size))
  return Object.fromEntries(reader.end())
}

// `git diff --unified=0` output, written for these tests in git 2.4x's shape.
const DIFF = `diff --git a/src/a.ts b/src/a.ts
index 1111111..2222222 100644
--- a/src/a.ts
+++ b/src/a.ts
@@ -2 +2 @@ export function a() {
-  return 1
+  return 2
@@ -10,0 +11,3 @@ export function b() {
+++ a line that looks like a header
+--- and another
+done
@@ -20,2 +22,0 @@
-gone
-gone too
diff --git a/old.ts b/old.ts
deleted file mode 100644
--- a/old.ts
+++ /dev/null
@@ -1,2 +0,0 @@
-x
-y
diff --git a/docs/x.png b/docs/x.png
Binary files a/docs/x.png and b/docs/x.png differ
diff --git "a/src/q\\"uote\\303\\251.ts" "b/src/q\\"uote\\303\\251.ts"
new file mode 100644
--- /dev/null
+++ "b/src/q\\"uote\\303\\251.ts"
@@ -0,0 +1,2 @@
+one
+two
\\ No newline at end of file
`

describe('DiffReader', () => {
  it('keeps the added line numbers of each file', () => {
    expect(parse(DIFF)).toEqual({
      'src/a.ts': [2, 11, 12, 13],
      'src/q"uoteé.ts': [1, 2],
    })
  })

  it.each([2, 5, 17, 200])('reads the same diff fed in %i pieces', (pieces) => {
    expect(parse(DIFF, pieces)).toEqual(parse(DIFF))
  })
})

describe('unquote', () => {
  it.each([
    ['b/plain.ts', 'b/plain.ts'],
    ['"b/tab\\there"', 'b/tab\there'],
    ['"b/\\303\\244\\\\x"', 'b/ä\\x'],
    ['"', '"'],
  ])('reads %j as %j', (name, path) => {
    expect(unquote(name)).toBe(path)
  })
})

describe('changedCoverage', () => {
  it('counts the changed lines the reports instrument, and which ran', () => {
    const { sink, map } = mapSink()
    const reader = new LcovReader(sink)
    const text = lcov(
      ['SF:src/a.ts', 'DA:2,1', 'DA:11,0', 'DA:12,1', 'DA:40,0'],
      ['SF:src/summary-only.ts', 'LF:5', 'LH:5'],
    )
    for (const line of text.split('\n')) reader.line(line)
    reader.end()
    const changed: ChangedLines = new Map([
      ['src/a.ts', [2, 11, 12, 13]],
      ['src/summary-only.ts', [1]],
      ['README.md', [1, 2]],
    ])
    expect(changedCoverage(map, changed)).toEqual({
      counts: { covered: 2, total: 3 },
      files: [
        {
          path: 'README.md',
          added: 2,
          detail: 'none',
          changed: { covered: 0, total: 0 },
        },
        {
          path: 'src/a.ts',
          added: 4,
          detail: 'lines',
          changed: { covered: 2, total: 3 },
        },
        {
          path: 'src/summary-only.ts',
          added: 1,
          detail: 'counts',
          changed: { covered: 0, total: 0 },
        },
      ],
    })
  })
})

describe('readChangedLines', () => {
  it('reads what HEAD adds since its merge base with the base, with real git', async () => {
    const repo = createRepo()
    repos.push(repo)
    const base = repo.commit('chore: base', {
      'src/a.ts': 'one\ntwo\nthree\n',
      'src/moved.ts': 'a\nb\nc\nd\ne\nf\n',
    })
    repo.branch('feature')
    // The base branch moves on: its lines are not the pull request's.
    repo.commit('feat: on main', { 'src/main-only.ts': 'main\n' })
    repo.checkout('feature')
    repo.commit('feat: change', {
      'src/a.ts': 'one\nTWO\nthree\nfour\n',
      'src/moved.ts': null,
      'src/renamed.ts': 'a\nb\nc\nd\ne\nf\ng\n',
      'src/with space.ts': 'x\n',
    })
    const lines = await readChangedLines(new Git(repo.workDir), 'main')
    expect(Object.fromEntries(lines)).toEqual({
      'src/a.ts': [2, 4],
      'src/renamed.ts': [7],
      'src/with space.ts': [1],
    })
    expect(await readChangedLines(new Git(repo.workDir), base)).toEqual(lines)
  })
})
