import { describe, expect, it } from '@jest/globals'
import type { GitHubApi, Issue } from '../../../test/support/github-api.js'
import { COMMENT_LIMIT } from '../src/fit-body.js'
import type { PrSummarySettings } from '../src/settings.js'
import { settleSizeLabel } from '../src/labels.js'
import { runPrSummary } from '../src/pr-summary.js'
import { DEFAULT_THRESHOLDS } from '../src/size.js'
import { commentBody, headShaOf, trustedAuthor } from '../src/sticky-comment.js'
import {
  H1,
  H2,
  TOKEN,
  commentsOf,
  coreDeps,
  file,
  labelsOf,
  seedPull,
  standInsPerTest,
} from './stand-in.js'

// C54 (CASES.md, from dart-lang/ecosystem#412, vuphongle/oss-pr-reviewer#21
// and romeovs/lcov-reporter-action#10): one sticky comment under racing
// runs and GitHub's 65 536-character limit, driven through the core.

const setup = standInsPerTest()

function settings(extra: Partial<PrSummarySettings> = {}): PrSummarySettings {
  return {
    token: TOKEN,
    apiUrl: '',
    owner: 'example-org',
    repo: 'cortex',
    id: 'main',
    components: [],
    size: { thresholds: DEFAULT_THRESHOLDS, prefix: 'size/', ignore: [] },
    checks: [],
    findings: [],
    summaryFile: '',
    apiRetries: 0,
    dryRun: false,
    ...extra,
  }
}

function summarise(api: GitHubApi, pull: Issue, sha: string, extra = {}) {
  return runPrSummary(
    settings(extra),
    { number: pull.number, headSha: sha },
    coreDeps(api),
  )
}

describe('the sticky comment (C54)', () => {
  it('is not overwritten by a run for an older head that finishes last', async () => {
    const { api, repo } = await setup()
    // The pull request's head is H2; the run for H2 finishes first.
    const pull = seedPull(repo, [file('src/a.ts')], { sha: H2 })
    const newer = await summarise(api, pull, H2)
    const older = await summarise(api, pull, H1, {
      checks: [{ name: 'tests', status: 'failure' }],
    })
    expect(newer.comment?.action).toBe('created')
    expect(older.comment).toBeUndefined()
    expect(older.skipped).toMatch(`the pull request's head is now ${H2}`)
    const bodies = commentsOf(repo, pull)
    expect(bodies.map(headShaOf)).toEqual([H2])
    expect(bodies[0]).not.toContain('failure')
  })

  it('keeps the oldest when a race left duplicates, and updates it', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('src/a.ts')])
    const { client } = coreDeps(api)
    for (const sha of [H2, H2, H1]) {
      await client.octokit.rest.issues.createComment({
        owner: client.owner,
        repo: client.repo,
        issue_number: pull.number,
        body: commentBody('main', sha, 'left by a race'),
      })
    }
    const oldest = Math.min(...repo.comments.keys())
    const result = await summarise(api, pull, H1)
    expect(result.comment).toMatchObject({
      id: oldest,
      action: 'updated',
      removed: 2,
    })
    const bodies = commentsOf(repo, pull)
    expect(bodies).toHaveLength(1)
    expect(headShaOf(bodies[0] ?? '')).toBe(H1)
  })

  it('leaves one comment and one size label when two runs race to create them', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('src/a.ts', 50)], {
      labels: ['size/XL', 'size/XS'],
    })
    const results = await Promise.all([
      summarise(api, pull, H1),
      summarise(api, pull, H1),
    ])
    const posts = api.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/comments'),
    )
    expect(posts).toHaveLength(2)
    expect(commentsOf(repo, pull)).toHaveLength(1)
    expect(new Set(results.map((r) => r.comment?.id)).size).toBe(1)
    expect(labelsOf(pull)).toEqual(['size/S'])
  })

  it('never leaves two size labels after a stale run labelled late', async () => {
    const { api, repo } = await setup()
    // The newer run has labelled; a run for H1 then adds size/L as if it had
    // passed its head check just before H2 was pushed.
    const pull = seedPull(repo, [file('src/a.ts', 50)], {
      sha: H2,
      labels: ['size/S', 'size/L'],
    })
    const { client } = coreDeps(api)
    await settleSizeLabel(
      client,
      { number: pull.number, headSha: H1 },
      'size/L',
      ['size/XS', 'size/S', 'size/M', 'size/L', 'size/XL'],
      coreDeps(api).logger,
    )
    expect(labelsOf(pull)).toEqual(['size/S'])
  })

  it('stays under 65 000 characters with a 180 000-character coverage table', async () => {
    const { api, repo } = await setup()
    const changed = ['src/mod-0007.ts', 'src/mod-2399.ts']
    const pull = seedPull(
      repo,
      changed.map((p) => file(p, 5)),
    )
    // 2 400 rows of 75 characters: the coverage table of C54.
    const rows = Array.from({ length: 2400 }, (_, i) => {
      const path = `src/mod-${String(i).padStart(4, '0')}.ts`
      return `| ${path.padEnd(40)} | ${'87.50 %'.padEnd(12)} | ${'12/16'.padEnd(13)} |`
    })
    const coverage = [
      '| file | lines | covered |',
      '| --- | --- | --- |',
      '| **All files** | 87.50 % | 19200/21942 |',
      ...rows,
    ].join('\n')
    expect(coverage.length).toBeGreaterThan(180_000)
    const result = await summarise(api, pull, H1, {
      coverage,
      checks: [{ name: 'tests', status: 'success' }],
    })
    const body = commentsOf(repo, pull)[0] ?? ''
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT)
    expect(body).toContain('| **All files** | 87.50 % | 19200/21942 |')
    expect(body).toContain('| tests | ✅ success |')
    expect(body).toMatch(
      /_\d+ rows omitted to fit GitHub's comment limit; full report in the job summary and the summary-file artifact\._/,
    )
    // Coverage rows of the changed files and the changed-files list stay.
    for (const path of changed) {
      expect(body).toContain(`| ${path.padEnd(40)} |`)
      expect(body).toContain(`| ${path} | 5 | 0 | yes |`)
    }
    expect(result.full).toContain(rows[1234])
    expect(result.full.length).toBeGreaterThan(180_000)
  })
})

describe('trustedAuthor', () => {
  it.each([
    [{ user: { type: 'Bot' }, author_association: 'NONE' }, true],
    [{ user: { type: 'User' }, author_association: 'OWNER' }, true],
    [{ user: { type: 'User' }, author_association: 'MEMBER' }, true],
    [{ user: { type: 'User' }, author_association: 'COLLABORATOR' }, true],
    [{ user: { type: 'User' }, author_association: 'CONTRIBUTOR' }, false],
    [{ user: { type: 'User' }, author_association: 'NONE' }, false],
    [{ user: null }, false],
  ])('takes a marked comment by %j as its own: %s', (comment, expected) => {
    expect(trustedAuthor(comment)).toBe(expected)
  })
})
