import { describe, expect, it } from '@jest/globals'
import type { Finding } from '../src/findings.js'
import type { LintReport, PullReport } from '../src/lint.js'
import { MAX_ROWS, renderSummary } from '../src/summary.js'

function pull(
  number: number | undefined,
  extra: Partial<PullReport> = {},
): PullReport {
  return {
    pull: {
      ...(number !== undefined && { number }),
      title: 'feat: x',
      body: null,
      labels: [],
      headRef: 'feat/x',
      fork: false,
    },
    findings: [],
    scopes: [],
    breaking: false,
    skipped: [],
    unchecked: [],
    ...extra,
  }
}

describe('renderSummary', () => {
  it('says in one line that everything passed', () => {
    const report: LintReport = {
      pulls: [pull(12, { checkedFiles: 3 })],
      findings: [],
      status: 'passed',
    }
    expect(renderSummary(report)).toBe(
      '### lint: every check passed\n\n- #12 "feat: x": ✓ passed (3 code files read)\n',
    )
  })

  it('tables the findings of several pull requests with their numbers', () => {
    const finding: Finding = {
      check: 'added-lines',
      message: '`debugger` in an added line',
      hint: 'remove it | now',
      file: 'src/a.ts',
      line: 4,
      pull: 13,
    }
    const report: LintReport = {
      pulls: [pull(12), pull(13, { findings: [finding] })],
      findings: [finding],
      status: 'failed',
    }
    expect(renderSummary(report)).toBe(
      [
        '### lint: 1 problem found',
        '',
        '- #12 "feat: x": ✓ passed',
        '- #13 "feat: x": ✗ 1 problem',
        '',
        '| pull request | check | where | problem | how to fix |',
        '| --- | --- | --- | --- | --- |',
        '| #13 | added-lines | src/a.ts:4 | `debugger` in an added line | remove it \\| now |',
        '',
      ].join('\n'),
    )
  })

  it('cuts a long table and says how many findings it left out', () => {
    const findings = Array.from({ length: MAX_ROWS + 5 }, (_, i): Finding => ({
      check: 'added-lines',
      message: 'x',
      file: 'a.ts',
      line: i + 1,
    }))
    const text = renderSummary({
      pulls: [pull(undefined, { findings })],
      findings,
      status: 'failed',
    })
    expect(text).toContain('- branch feat/x "feat: x": ✗ 205 problems')
    expect(text).toContain('… and 5 more findings: see the job log.')
    expect(
      text.split('\n').filter((l) => l.startsWith('| added-lines')),
    ).toHaveLength(MAX_ROWS)
  })

  it('shows a pending title and the files it could not read', () => {
    const report: LintReport = {
      pulls: [
        pull(12, {
          pending: 'work in progress',
          unchecked: Array.from({ length: 52 }, (_, i) => `f${i}.js`),
        }),
      ],
      findings: [],
      status: 'pending',
    }
    const text = renderSummary(report)
    expect(text).toContain('### lint: pending')
    expect(text).toContain('- #12 "feat: x": ⏳ work in progress')
    expect(text).toContain('`f49.js` and 2 more.')
  })
})
