import { describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../../lib/runner/index.js'
import type { LintRules } from '../src/lint.js'
import { lintPulls } from '../src/lint.js'
import type {
  ChangedFile,
  LintTarget,
  PullRequest,
} from '../src/pull-request.js'
import {
  DEFAULT_CODE_EXTENSIONS,
  DEFAULT_EXCLUDE,
  DEFAULT_FORBIDDEN,
  forbiddenPatterns,
} from '../src/rule-inputs.js'
import { CHECKS } from '../src/findings.js'

// The core with pull requests made up in the test, so what GitHub cannot
// be made to do on the stand-in (list fewer files than it counts) is seen.

const RULES: LintRules = {
  checks: new Set(CHECKS),
  title: { requireScope: false, wip: 'fail' },
  description: {
    minLines: 1,
    allowIssueRefOnly: false,
    breakingLabels: ['breaking'],
  },
  branch: { pattern: { source: '^feat/', regex: /^feat\// }, exempt: [] },
  addedLines: {
    forbidden: forbiddenPatterns('forbidden-patterns', DEFAULT_FORBIDDEN),
    extensions: DEFAULT_CODE_EXTENSIONS,
    exclude: DEFAULT_EXCLUDE,
  },
}

const GOOD: PullRequest = {
  number: 12,
  title: 'feat(ui): theme',
  body: 'Adds the theme.',
  labels: [],
  headRef: 'feat/theme',
  fork: false,
}

function target(
  pull: PullRequest,
  files: ChangedFile[] = [],
  unlisted = 0,
): LintTarget & { reads: number } {
  const made = {
    pull,
    reads: 0,
    files() {
      made.reads += 1
      return Promise.resolve({ files, unlisted })
    },
  }
  return made
}

describe('lintPulls', () => {
  it('lists every failure of one run, each naming its pull request', async () => {
    const bad = target(
      {
        ...GOOD,
        number: 13,
        title: 'feat!(api): x',
        body: null,
        headRef: 'main-fix',
      },
      [
        {
          path: 'src/a.ts',
          status: 'added',
          patch: '@@ -0,0 +1,2 @@\n+ok()\n+debugger',
        },
      ],
    )
    const report = await lintPulls(
      [target(GOOD), bad],
      RULES,
      new MemoryLogger(),
    )
    expect(report.status).toBe('failed')
    expect(
      report.findings.map(
        (f) => `#${f.pull ?? 0} ${f.check} ${f.file ?? ''}:${f.line ?? ''}`,
      ),
    ).toEqual([
      '#13 title :',
      '#13 description :',
      '#13 branch :',
      '#13 added-lines src/a.ts:2',
    ])
    expect(report.pulls[0]).toMatchObject({
      type: 'feat',
      scopes: ['ui'],
      findings: [],
    })
  })

  it('reads no files when the added-lines check is off', async () => {
    const only = target(GOOD)
    const rules = { ...RULES, checks: new Set(['title'] as const) }
    const report = await lintPulls([only], rules, new MemoryLogger())
    expect(only.reads).toBe(0)
    expect(report.pulls[0]?.checkedFiles).toBeUndefined()
    expect(report.status).toBe('passed')
  })

  it('says how many files GitHub did not list', async () => {
    const logger = new MemoryLogger()
    const big = target({ ...GOOD, changedFiles: 3100 }, [], 100)
    const report = await lintPulls([big], RULES, logger)
    expect(report.pulls[0]?.unchecked).toEqual([
      '100 more changed files that GitHub does not list (it lists at most 3000)',
    ])
    expect(logger.at('warning')).toEqual([
      '100 more changed files that GitHub does not list (it lists at most 3000) were not checked',
    ])
  })

  it('is pending, not failed, on a WIP title alone', async () => {
    const rules = {
      ...RULES,
      title: { ...RULES.title, wip: 'pending' as const },
    }
    const report = await lintPulls(
      [target({ ...GOOD, title: 'WIP: theme' })],
      rules,
      new MemoryLogger(),
    )
    expect(report.status).toBe('pending')
    expect(report.findings).toEqual([])
  })

  it.each<[string, Partial<PullRequest>, boolean]>([
    ['a plain title', {}, false],
    ['a `!` title', { title: 'feat(ui)!: theme' }, true],
    ['a breaking label', { labels: ['Breaking'] }, true],
    ['a BREAKING CHANGE paragraph', { body: 'x\n\nBREAKING CHANGE: y' }, true],
  ])('calls %s breaking: %s', async (_n, change, breaking) => {
    const rules = { ...RULES, checks: new Set(['title'] as const) }
    const report = await lintPulls(
      [target({ ...GOOD, ...change })],
      rules,
      new MemoryLogger(),
    )
    expect(report.pulls[0]?.breaking).toBe(breaking)
  })

  it('skips the branch check without a pattern, and says so', async () => {
    const rules = { ...RULES, branch: { exempt: [] } }
    const report = await lintPulls([target(GOOD)], rules, new MemoryLogger())
    expect(report.pulls[0]?.skipped).toEqual([
      'branch: no branch-pattern is set',
    ])
  })
})
