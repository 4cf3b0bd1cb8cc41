import { afterEach, describe, expect, it } from '@jest/globals'
import { BitSet } from '../src/bit-set.js'
import type { Metric } from '../src/file-coverage.js'
import {
  countMetric,
  countsOf,
  mergeMetric,
  pointKey,
} from '../src/file-coverage.js'
import { readJsonSummary } from '../src/json-summary.js'
import { readLcov } from '../src/lcov.js'
import {
  lcov,
  mapSink,
  removeWorkspaces,
  shape,
  workspace,
  writeFile,
} from './helpers.js'

afterEach(removeWorkspaces)

function lines(instrumented: number[], covered: number[]): Metric {
  const all = new BitSet()
  const ran = new BitSet()
  for (const n of instrumented) all.add(n)
  for (const n of covered) ran.add(n)
  return { kind: 'lines', instrumented: all, covered: ran }
}

function points(entries: [number, number, 0 | 1][]): Metric {
  return {
    kind: 'points',
    keys: Float64Array.from(entries, ([line, i]) => pointKey(line, i)),
    covered: Uint8Array.from(entries, ([, , hit]) => hit),
  }
}

describe('mergeMetric', () => {
  it.each<[string, Metric | undefined, Metric | undefined, string]>([
    ['nothing and nothing', undefined, undefined, '0/0'],
    ['nothing and counts', undefined, countMetric(1, 2), '1/2'],
    [
      'two shards line by line, united',
      lines([1, 2, 3], [1]),
      lines([1, 2, 3, 4], [2, 4]),
      '3/4',
    ],
    ['lines over counts', countMetric(9, 10), lines([1, 2], [1]), '1/2'],
    ['counts under lines', lines([1, 2], [2]), countMetric(9, 10), '1/2'],
    [
      'the larger total of two counts',
      countMetric(5, 10),
      countMetric(3, 12),
      '3/12',
    ],
    [
      'the larger covered of equal totals',
      countMetric(3, 10),
      countMetric(7, 10),
      '7/10',
    ],
    [
      'branches by line and order on it',
      points([
        [4, 0, 1],
        [4, 1, 0],
      ]),
      points([
        [4, 1, 1],
        [9, 0, 0],
      ]),
      '2/3',
    ],
  ])('merges %s', (_name, a, b, expected) => {
    const merged = countsOf(mergeMetric(a, b))
    expect(`${merged.covered}/${merged.total}`).toBe(expected)
  })
})

describe('BitSet', () => {
  it('adds, unites and lists line numbers, refusing unusable ones', () => {
    const a = new BitSet(1)
    expect([
      a.add(3),
      a.add(100),
      a.add(-1),
      a.add(1.5),
      a.add(2 ** 30),
    ]).toEqual([true, true, false, false, false])
    const b = new BitSet()
    b.add(5)
    expect([...a.union(b).values()]).toEqual([3, 5, 100])
    expect(a.union(b).size).toBe(3)
    expect(a.has(4)).toBe(false)
  })
})

describe('reports merged by file', () => {
  // Written for this test in the shape istanbul's json-summary reporter
  // gives (coverage-summary.json, istanbul-reports 3.x).
  const SUMMARY = JSON.stringify({
    total: { lines: { total: 99, covered: 99, skipped: 0, pct: 100 } },
    '/repo/src/a.ts': {
      lines: { total: 10, covered: 9, skipped: 0, pct: 90 },
      functions: { total: 2, covered: 2, skipped: 0, pct: 100 },
      branches: { total: 4, covered: 1, skipped: 0, pct: 25 },
      statements: { total: 10, covered: 9, skipped: 0, pct: 90 },
    },
    '/repo/src/b.ts': {
      lines: { total: 0, covered: 0, skipped: 0, pct: 'Unknown' },
    },
  })

  it('reads a json-summary per file, ignoring its own total', async () => {
    const dir = workspace()
    const { sink, map } = mapSink()
    const read = await readJsonSummary(
      writeFile(dir, 'coverage-summary.json', SUMMARY),
      sink,
    )
    expect(read).toEqual({ format: 'json-summary', files: 2, ignored: 0 })
    expect(shape(map, 'src/a.ts')).toEqual({
      lines: '9/10',
      branches: '1/4',
      functions: '2/2',
    })
    expect(shape(map, 'src/b.ts').lines).toBe('0/0')
  })

  it('lets lcov line data win over json-summary counts, per metric', async () => {
    const dir = workspace()
    const { sink, map } = mapSink()
    await readJsonSummary(writeFile(dir, 's.json', SUMMARY), sink)
    await readLcov(
      writeFile(
        dir,
        'lcov.info',
        lcov(['SF:/repo/src/a.ts', 'DA:1,1', 'DA:2,0']),
      ),
      sink,
    )
    expect(shape(map, 'src/a.ts')).toEqual({
      lines: '1/2',
      branches: '1/4',
      functions: '2/2',
    })
  })

  it('unites the lcov reports of two test shards', async () => {
    const dir = workspace()
    const { sink, map } = mapSink()
    const shard = (hits: string[]) =>
      writeFile(
        dir,
        `shard-${hits.join('')}.info`,
        lcov(['SF:src/a.ts', ...hits]),
      )
    await readLcov(shard(['DA:1,1', 'DA:2,0', 'DA:3,0']), sink)
    await readLcov(shard(['DA:1,0', 'DA:2,2', 'DA:3,0']), sink)
    expect(shape(map, 'src/a.ts').lines).toBe('2/3')
  })

  it.each([
    ['not JSON', '{"a":', 'is not valid JSON'],
    ['not an object', '[1]', 'not an object'],
    [
      "istanbul's coverage-final.json",
      '{"/a.js":{"path":"/a.js","statementMap":{}}}',
      "is istanbul's coverage-final.json, not a json-summary",
    ],
  ])('refuses %s', async (_name, text, message) => {
    const dir = workspace()
    await expect(
      readJsonSummary(writeFile(dir, 'x.json', text), mapSink().sink),
    ).rejects.toThrow(message)
  })
})
