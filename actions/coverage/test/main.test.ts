import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'
import { lcov, removeWorkspaces, workspace } from './helpers.js'

// main.ts as the runner starts it: INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, an event payload, real git; the real
// @actions/cache, which finds no cache service here.

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
  removeWorkspaces()
})

// Case C55 (../shared/cases/CASES.md) as one report.
const C55 = lcov(
  ['SF:src/a.ts', 'DA:1,1', 'DA:2,0', 'DA:3,1', 'end_of_record'],
  ['SF:src/b.ts', 'LF:21', 'LH:0', 'end_of_record'],
  ['SF:src/c.ts', 'LF:0', 'LH:0', 'end_of_record'],
)

/** Workflow commands escape `%` as `%25`; this reads them back. */
function unescape(log: string): string {
  return log.replace(/%25/g, '%').replace(/%0A/g, '\n')
}

describe('the coverage stage', () => {
  it('fails case C55 at 8.33 % < 80 %, outputs set and the table in the summary', async () => {
    const root = workspace({ 'coverage/lcov.info': C55 })
    const step = await runInProcess(run, {}, { GITHUB_WORKSPACE: root })
    expect(step.failed).toBe(true)
    expect(unescape(step.log)).toMatch(
      /^::error::coverage gate failed: lines: 8\.33 % < 80 %$/m,
    )
    expect(step.outputs).toMatchObject({
      lines: '8.33',
      branches: 'n/a',
      functions: 'n/a',
      delta: 'null',
      passed: 'false',
    })
    expect(JSON.parse(step.outputs['report'] ?? '')).toEqual({
      lines: { covered: 2, total: 24, percent: 8.33 },
      branches: { covered: 0, total: 0, percent: null },
      functions: { covered: 0, total: 0, percent: null },
      files: 3,
      changedLines: null,
      failures: ['lines: 8.33 % < 80 %'],
    })
    expect(step.summary).toContain('| total | 8.33 % (2/24) | n/a | n/a |')
    expect(step.summary).toContain('| src/c.ts | n/a | n/a | n/a |')
    expect(step.summary).not.toMatch(/NaN/)
    expect(step.outputs['markdown']).toBe(step.summary.trimEnd())
  })

  it('passes with a warning when fail-below-min is off', async () => {
    const root = workspace({ 'coverage/lcov.info': C55 })
    const step = await runInProcess(
      run,
      { 'fail-below-min': 'false' },
      { GITHUB_WORKSPACE: root },
    )
    expectOk(step)
    expect(step.outputs['passed']).toBe('false')
    expect(unescape(step.log)).toContain(
      '::warning title=Coverage below the minimum::coverage gate failed: lines: 8.33 % < 80 %',
    )
  })

  it('fails on reports with no data, unless allow-empty', async () => {
    const root = workspace({ 'coverage/lcov.info': '' })
    const failed = await runInProcess(run, {}, { GITHUB_WORKSPACE: root })
    expect(failed.failed).toBe(true)
    expect(failed.log).toContain(
      '::error::coverage gate failed: no coverage data found',
    )
    const allowed = await runInProcess(
      run,
      { 'allow-empty': 'true' },
      { GITHUB_WORKSPACE: root },
    )
    expectOk(allowed)
    expect(allowed.outputs['lines']).toBe('n/a')
    expect(allowed.log).toContain(
      '::notice title=Coverage gate::no coverage data found',
    )
  })

  it('names a report glob that matches nothing', async () => {
    const root = workspace()
    const step = await runInProcess(
      run,
      { reports: 'coverage/lcov.info\nbuild/**/coverage.xml' },
      { GITHUB_WORKSPACE: root },
    )
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      `::error::Configuration error: input 'reports': got "coverage/lcov.info"; expected a glob matching at least one report file (looked under ${root})`,
    )
  })

  it('reports changed-line coverage on a pull request, with real git', async () => {
    const repo = createRepo()
    repos.push(repo)
    const base = repo.commit('chore: base', {
      'src/a.ts': 'a\nb\nc\n',
      'src/b.ts': 'x\n',
    })
    repo.branch('feature')
    repo.checkout('feature')
    repo.commit('feat: more', {
      'src/a.ts': 'a\nb\nc\nd\ne\nf\n',
      'README.md': 'docs\n',
    })
    // Tests ran in a container with the repository at /app.
    repo.writeFile(
      'coverage/lcov.info',
      lcov(
        [
          'SF:/app/src/a.ts',
          'DA:1,1',
          'DA:2,1',
          'DA:3,1',
          'DA:4,1',
          'DA:5,0',
          'end_of_record',
        ],
        ['SF:/app/src/b.ts', 'DA:1,1', 'end_of_record'],
      ),
    )
    const step = await runInProcess(
      run,
      { 'path-map': '/app/=', 'min-changed-lines': '60' },
      {
        GITHUB_WORKSPACE: repo.workDir,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/7/merge',
        GITHUB_SHA: repo.head(),
      },
      {
        repository: { default_branch: 'main' },
        pull_request: { number: 7, base: { ref: 'main', sha: base } },
      },
    )
    expect(step.failed).toBe(true)
    expect(unescape(step.log)).toMatch(
      /^::error::coverage gate failed: changed lines: 50\.00 % < 60 %$/m,
    )
    expect(step.outputs['lines']).toBe('83.33')
    const report = JSON.parse(step.outputs['report'] ?? '') as {
      changedLines: unknown
    }
    expect(report.changedLines).toEqual({
      covered: 1,
      total: 2,
      percent: 50,
      files: 2,
    })
    expect(step.summary).toContain('| changed lines | 50.00 % (1/2) |  |  |')
    expect(step.summary).toContain(
      '| README.md | not in the reports |  |  |  |',
    )
    expect(step.summary).toContain(
      '| src/a.ts | 80.00 % | n/a | n/a | 50.00 % (1/2) |',
    )
    expect(step.summary).not.toContain('| src/b.ts')
    // The real @actions/cache, wired in main, finds no cache service here.
    expect(step.log).toContain(
      '::notice title=Coverage baseline::no baseline to compare with: the Actions cache service is not available here',
    )
  })

  it('skips changed lines with a notice when the base is not in the clone', async () => {
    const root = workspace({ 'coverage/lcov.info': 'SF:a\nDA:1,1\n' })
    const step = await runInProcess(
      run,
      { baseline: 'off' },
      { GITHUB_WORKSPACE: root, GITHUB_EVENT_NAME: 'pull_request' },
      { pull_request: { base: { ref: 'main', sha: 'f'.repeat(40) } } },
    )
    expectOk(step)
    expect(step.log).toContain(
      `::notice title=Changed-line coverage skipped::the pull request's base ${'f'.repeat(40)} is not in the clone; check out with \`fetch-depth: 0\``,
    )
    expect(step.log).toContain('baseline: off')
  })

  it('refuses a diff-base that names nothing', async () => {
    const repo = createRepo()
    repos.push(repo)
    repo.commit('chore: init', { 'coverage/lcov.info': 'SF:a\nDA:1,1\n' })
    const step = await runInProcess(
      run,
      { 'diff-base': 'origin/nope' },
      { GITHUB_WORKSPACE: repo.workDir },
    )
    expect(step.failed).toBe(true)
    expect(step.log).toContain(
      `::error::Configuration error: input 'diff-base': got "origin/nope"; expected a revision in the clone`,
    )
  })
})
