import { describe, expect, it } from '@jest/globals'
import type { Counts } from '../src/file-coverage.js'
import type { Minimums } from '../src/gate.js'
import { checkGate } from '../src/gate.js'
import type { Totals } from '../src/totals.js'
import { formatDelta, formatPercent, percent } from '../src/totals.js'

const counts = (covered: number, total: number): Counts => ({ covered, total })

function totals(
  lines: Counts,
  branches = counts(0, 0),
  functions = counts(0, 0),
): Totals {
  return { lines, branches, functions }
}

describe('percent', () => {
  it.each<[number, number, string]>([
    [2, 3, '66.67'],
    [2, 24, '8.33'],
    [0, 21, '0.00'],
    [21, 21, '100.00'],
    [0, 0, 'n/a'],
    [99_999, 100_000, '99.99'],
    [1, 100_000, '0.01'],
    [1, 8, '12.50'],
  ])('shows %i of %i as %s', (covered, total, shown) => {
    expect(formatPercent(percent(counts(covered, total)))).toBe(shown)
  })

  it.each<[number | undefined, string]>([
    [1.25, '+1.25'],
    [-0.5, '-0.50'],
    [0, '±0.00'],
    [undefined, 'n/a'],
  ])('shows the delta %p as %s', (value, shown) => {
    expect(formatDelta(value)).toBe(shown)
  })
})

describe('checkGate', () => {
  it('fails case C55 with "8.33 % < 80 %"', () => {
    const gate = checkGate(
      totals(counts(2, 24)),
      undefined,
      { lines: 80 },
      false,
    )
    expect(gate).toEqual({
      passed: false,
      failures: ['lines: 8.33 % < 80 %'],
      passes: [],
      notes: [],
    })
  })

  it.each<
    [string, Totals, Counts | undefined, Minimums, boolean, string[], string[]]
  >([
    [
      'passes at exactly the minimum, as shown',
      totals(counts(4, 5)),
      undefined,
      { lines: 80 },
      true,
      [],
      [],
    ],
    [
      'compares the shown value, 79.996 being 80.00',
      totals(counts(79_996, 100_000)),
      undefined,
      { lines: 80 },
      true,
      [],
      [],
    ],
    [
      'fails each metric below its minimum',
      totals(counts(9, 10), counts(1, 4), counts(1, 2)),
      undefined,
      { lines: 80, branches: 50, functions: 72.5 },
      false,
      ['branches: 25.00 % < 50 %', 'functions: 50.00 % < 72.5 %'],
      [],
    ],
    [
      'fails a minimum on a metric with no data, saying why',
      totals(counts(9, 10)),
      undefined,
      { branches: 50 },
      false,
      [
        'branches: n/a (the reports hold no branch data), so min-branches 50 % cannot be checked',
      ],
      [],
    ],
    [
      'fails changed lines below their minimum',
      totals(counts(9, 10)),
      counts(1, 4),
      { changedLines: 90 },
      false,
      ['changed lines: 25.00 % < 90 %'],
      [],
    ],
    [
      'notes a changed-line minimum without a diff',
      totals(counts(9, 10)),
      undefined,
      { changedLines: 90 },
      true,
      [],
      [
        'min-changed-lines not applied: no diff was read (not a pull request, and no diff-base)',
      ],
    ],
    [
      'notes a changed-line minimum when no changed line is instrumented',
      totals(counts(9, 10)),
      counts(0, 0),
      { changedLines: 90 },
      true,
      [],
      [
        'min-changed-lines not applied: none of the changed lines is instrumented',
      ],
    ],
    [
      'fails with no coverage data at all',
      totals(counts(0, 0)),
      undefined,
      {},
      false,
      [
        'no coverage data found: the reports hold no instrumented line, branch or function',
      ],
      [],
    ],
  ])('%s', (_name, given, changed, minimums, passed, failures, notes) => {
    const gate = checkGate(given, changed, minimums, false)
    expect(gate.passed).toBe(passed)
    expect(gate.failures).toEqual(failures)
    expect(gate.notes).toEqual(notes)
  })

  it('lets allow-empty pass what has no data, with a note', () => {
    expect(
      checkGate(totals(counts(0, 0)), undefined, { lines: 80 }, true),
    ).toEqual({
      passed: true,
      failures: [],
      passes: [],
      notes: [
        'no coverage data found: the reports hold no instrumented line, branch or function; allow-empty lets the gate pass',
      ],
    })
    const gate = checkGate(
      totals(counts(1, 1)),
      undefined,
      { functions: 50 },
      true,
    )
    expect(gate.passed).toBe(true)
    expect(gate.notes).toEqual([
      'functions: n/a (the reports hold no function data), so min-functions 50 % cannot be checked; allow-empty skips it',
    ])
  })

  it('says which minimums were met', () => {
    const gate = checkGate(
      totals(counts(9, 10)),
      counts(1, 1),
      { lines: 80, changedLines: 100 },
      false,
    )
    expect(gate.passes).toEqual([
      'lines: 90.00 % ≥ 80 %',
      'changed lines: 100.00 % ≥ 100 %',
    ])
  })
})
