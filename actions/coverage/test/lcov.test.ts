import { afterEach, describe, expect, it } from '@jest/globals'
import { LcovReader, readLcov } from '../src/lcov.js'
import { totalsOf } from '../src/totals.js'
import {
  lcov,
  mapSink,
  removeWorkspaces,
  shape,
  workspace,
  writeFile,
} from './helpers.js'

afterEach(removeWorkspaces)

/** Reads lcov text line by line, as readLcov does with a file. */
function read(text: string) {
  const { sink, map } = mapSink()
  const reader = new LcovReader(sink)
  for (const line of text.split('\n')) reader.line(line)
  reader.end()
  return { map, reader }
}

// The three inputs of case C55 (../shared/cases/CASES.md), from
// romeovs/lcov-reporter-action#42 and VeryGoodOpenSource/very_good_coverage#146.
const C55 = lcov(
  ['SF:src/a.ts', 'DA:1,1', 'DA:2,0', 'DA:3,1', 'end_of_record'],
  ['SF:src/b.ts', 'LF:21', 'LH:0', 'end_of_record'],
  ['SF:src/c.ts', 'LF:0', 'LH:0', 'end_of_record'],
)

describe('readLcov on case C55', () => {
  it('counts lines from DA when LF and LH are absent (A)', () => {
    expect(shape(read(C55).map, 'src/a.ts').lines).toBe('2/3')
  })

  it('trusts LF and LH when there is no DA (B)', () => {
    expect(shape(read(C55).map, 'src/b.ts').lines).toBe('0/21')
  })

  it('keeps a file of 0 instrumented lines at 0 of 0, which adds nothing (C)', () => {
    const { map } = read(C55)
    expect(shape(map, 'src/c.ts').lines).toBe('0/0')
    expect(totalsOf(map).lines).toEqual({ covered: 2, total: 24 })
  })
})

describe('readLcov', () => {
  it.each<[string, string[], Record<string, string>]>([
    [
      'DA over LF/LH when both are there',
      ['SF:x', 'DA:1,1', 'DA:2,0', 'LF:10', 'LH:10'],
      { lines: '1/2', branches: '-', functions: '-' },
    ],
    [
      'branches from BRDA, a `-` as not taken',
      [
        'SF:x',
        'BRDA:4,0,0,1',
        'BRDA:4,0,1,0',
        'BRDA:9,1,0,-',
        'BRF:9',
        'BRH:9',
      ],
      { lines: '-', branches: '1/3', functions: '-' },
    ],
    [
      'branches from BRF/BRH alone',
      ['SF:x', 'BRF:4', 'BRH:3'],
      { lines: '-', branches: '3/4', functions: '-' },
    ],
    [
      'functions from FN and FNDA, one never called',
      ['SF:x', 'FN:1,main', 'FN:5,helper', 'FNDA:3,main', 'FNDA:0,helper'],
      { lines: '-', branches: '-', functions: '1/2' },
    ],
    [
      'functions declared with FN and no FNDA as not called',
      ['SF:x', 'FN:1,main', 'FNF:1', 'FNH:1'],
      { lines: '-', branches: '-', functions: '0/1' },
    ],
    [
      "lcov 2's FN with an end line, and FNL/FNA",
      ['SF:x', 'FN:1,3,a', 'FNDA:1,a', 'FNL:0,10,12', 'FNA:0,0,b'],
      { lines: '-', branches: '-', functions: '1/2' },
    ],
    [
      'a line listed twice once',
      ['SF:x', 'DA:1,0', 'DA:1,4', 'DA:2,0'],
      { lines: '1/2', branches: '-', functions: '-' },
    ],
    [
      'LH above LF clamped to LF',
      ['SF:x', 'LF:3', 'LH:5'],
      { lines: '3/3', branches: '-', functions: '-' },
    ],
  ])('reads %s', (_name, entries, expected) => {
    expect(shape(read(lcov(entries)).map, 'x')).toEqual(expected)
  })

  it('reads the last record of a file that lacks end_of_record', async () => {
    const dir = workspace()
    const file = writeFile(dir, 'lcov.info', 'SF:a.ts\nDA:1,1\nDA:2,0')
    const { sink, map } = mapSink()
    expect(await readLcov(file, sink)).toEqual({
      format: 'lcov',
      files: 1,
      ignored: 0,
    })
    expect(shape(map, 'a.ts').lines).toBe('1/2')
  })

  it('starts a new record at SF even without end_of_record before it', () => {
    const { map } = read('SF:a\nDA:1,1\nSF:b\nDA:1,0\nend_of_record\n')
    expect(shape(map, 'a').lines).toBe('1/1')
    expect(shape(map, 'b').lines).toBe('0/1')
  })

  it('reads CRLF line ends and blank lines', () => {
    const { map } = read('TN:\r\nSF:a\r\n\r\nDA:1,1\r\nend_of_record\r\n')
    expect(shape(map, 'a').lines).toBe('1/1')
  })

  it('merges two records of the same file, as a concatenated report has', () => {
    const { map } = read(
      lcov(
        [
          'SF:a',
          'DA:1,1',
          'DA:2,0',
          'BRDA:1,0,0,1',
          'BRDA:1,0,1,0',
          'end_of_record',
        ],
        [
          'SF:a',
          'DA:1,0',
          'DA:2,3',
          'BRDA:1,0,0,0',
          'BRDA:1,0,1,2',
          'end_of_record',
        ],
      ),
    )
    expect(shape(map, 'a')).toEqual({
      lines: '2/2',
      branches: '2/2',
      functions: '-',
    })
  })

  it('counts entries it does not understand, and never throws on them', () => {
    const { map, reader } = read(
      lcov([
        'DA:1,1',
        'SF:a',
        'DA:x,1',
        'DA:-3,1',
        'XYZ:1',
        'BRDA:q',
        'DA:2,1',
      ]),
    )
    expect(shape(map, 'a').lines).toBe('1/1')
    expect(reader.ignored).toBe(5)
  })

  it('places Windows paths through the path map', async () => {
    const dir = workspace()
    const file = writeFile(
      dir,
      'lcov.info',
      'SF:D:\\a\\cortex\\cortex\\src\\api\\handler.ts\r\nDA:1,1\r\nend_of_record\r\n',
    )
    const { sink, map } = mapSink('/repo', [
      { from: 'D:/a/cortex/cortex/', to: '' },
    ])
    await readLcov(file, sink)
    expect(shape(map, 'src/api/handler.ts').lines).toBe('1/1')
  })

  it('reads a file larger than one chunk, records split across chunks', async () => {
    const records = Array.from({ length: 4_000 }, (_, i) => [
      `SF:src/f${i}.ts`,
      ...Array.from({ length: 40 }, (_, n) => `DA:${n + 1},${n % 2}`),
      'end_of_record',
    ])
    const dir = workspace()
    const file = writeFile(dir, 'lcov.info', lcov(...records))
    const { sink, map } = mapSink()
    const read = await readLcov(file, sink)
    expect(read.files).toBe(4_000)
    expect(totalsOf(map).lines).toEqual({ covered: 80_000, total: 160_000 })
  })
})
