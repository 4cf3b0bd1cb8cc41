import { describe, expect, it } from '@jest/globals'
import type { CoverageResult } from '../src/coverage.js'
import { MARKDOWN_LIMIT, renderMarkdown } from '../src/report-markdown.js'
import type { Totals } from '../src/totals.js'

const totals = (covered: number, total: number): Totals => ({
  lines: { covered, total },
  branches: { covered: 0, total: 0 },
  functions: { covered: 1, total: 2 },
})

const PASSED = {
  passed: true,
  failures: [],
  passes: ['lines: 66.67 % ≥ 50 %'],
  notes: [],
}

function result(
  fileCount: number,
  extra: Partial<CoverageResult> = {},
): CoverageResult {
  return {
    reports: [],
    totals: totals(2, 3),
    files: Array.from({ length: fileCount }, (_, i) => ({
      path: `src/module-${String(i).padStart(5, '0')}/index.ts`,
      totals: totals(i % 4, 3),
    })),
    baseline: {},
    gate: PASSED,
    ...extra,
  }
}

describe('renderMarkdown', () => {
  it('writes the totals, the gate and a row a file', () => {
    expect(renderMarkdown(result(2))).toBe(
      [
        '### Coverage',
        '',
        '|  | lines | branches | functions |',
        '| --- | --- | --- | --- |',
        '| total | 66.67 % (2/3) | n/a | 50.00 % (1/2) |',
        '',
        '**Gate: passed**',
        '- ✅ lines: 66.67 % ≥ 50 %',
        '',
        '#### Files',
        '',
        '| file | lines | branches | functions |',
        '| --- | --- | --- | --- |',
        '| src/module-00000/index.ts | 0.00 % | n/a | 50.00 % |',
        '| src/module-00001/index.ts | 33.33 % | n/a | 50.00 % |',
      ].join('\n'),
    )
  })

  it('adds the baseline, the delta, changed lines and changed files on a pull request', () => {
    const markdown = renderMarkdown(
      result(2, {
        baseline: {
          restored: {
            version: 1,
            branch: 'main',
            sha: 'abcdef1234567',
            totals: totals(1, 2),
            key: 'k',
            exact: true,
          },
        },
        delta: { lines: 16.67, branches: undefined, functions: 0 },
        changed: {
          counts: { covered: 1, total: 2 },
          files: [
            {
              path: 'docs/a|b.md',
              added: 3,
              detail: 'none',
              changed: { covered: 0, total: 0 },
            },
            {
              path: 'src/module-00001/index.ts',
              added: 4,
              detail: 'lines',
              changed: { covered: 1, total: 2 },
            },
          ],
        },
      }),
    )
    expect(markdown).toContain(
      '| base (main abcdef1) | 50.00 % | n/a | 50.00 % |',
    )
    expect(markdown).toContain('| delta | +16.67 | n/a | ±0.00 |')
    expect(markdown).toContain('| changed lines | 50.00 % (1/2) |  |  |')
    expect(markdown).toContain('#### Changed files')
    expect(markdown).toContain(
      '| docs/a\\|b.md | not in the reports |  |  |  |',
    )
    expect(markdown).toContain(
      '| src/module-00001/index.ts | 33.33 % | n/a | 50.00 % | 50.00 % (1/2) |',
    )
  })

  it('lists failures and notes, and the baseline saved', () => {
    const markdown = renderMarkdown(
      result(0, {
        gate: {
          passed: false,
          failures: ['lines: 8.33 % < 80 %'],
          passes: [],
          notes: ['n'],
        },
        baseline: { saved: 'cortex-coverage-main-abc' },
      }),
    )
    expect(markdown).toContain(
      '**Gate: failed**\n- ❌ lines: 8.33 % < 80 %\n- ℹ️ n',
    )
    expect(markdown).toContain(
      'Saved as the baseline `cortex-coverage-main-abc`.',
    )
  })

  it('keeps 2 400 files under the limit by dropping file rows, saying how many (C54)', () => {
    const whole = renderMarkdown(result(2_400))
    expect(whole.length).toBeGreaterThan(MARKDOWN_LIMIT)
    const cut = renderMarkdown(result(2_400), MARKDOWN_LIMIT)
    expect(cut.length).toBeLessThanOrEqual(MARKDOWN_LIMIT)
    const kept = cut.split('\n').filter((l) => l.startsWith('| src/')).length
    expect(cut).toContain(
      `_${2_400 - kept} file row(s) omitted to keep this under 60,000 characters; the job summary has every file._`,
    )
    expect(cut.startsWith(whole.slice(0, cut.indexOf('\n\n_')))).toBe(true)
    expect(MARKDOWN_LIMIT - cut.length).toBeLessThan(100)
  })

  it('drops every row when even one would not fit, keeping the totals', () => {
    const cut = renderMarkdown(result(3), 300)
    expect(cut).toContain('| total |')
    expect(cut).toContain('_3 file row(s) omitted')
    expect(cut).not.toContain('#### Files')
  })
})
