import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import type { GitHubApi } from '../../../test/support/github-api.js'
import { denyWrites } from '../../../test/support/github-api/routes-issue-extras.js'
import { expectOk } from '../../../test/support/run-in-process.js'
import {
  H1,
  H2,
  commentsOf,
  file,
  labelsOf,
  pullEvent,
  runStep,
  seedPull,
  standInsPerTest,
} from './stand-in.js'

// C70 (CASES.md, from marocchino/sticky-pull-request-comment#227, #930 and
// #1107): a fork's pull_request run has a read-only token. It writes
// nothing, keeps the summary in the job summary and a file, and a
// workflow_run job posts that file later; a 403 never fails the step
// unless the token should have been able to write.

const setup = standInsPerTest()

const writes = (api: GitHubApi) =>
  api.requests.filter((r) => r.method !== 'GET')
const COMPONENTS = "docs: ['docs/**']"

describe('a pull request from a fork', () => {
  it('attempts no write, and leaves the summary in the job summary and a file', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/a.md', 3)])
    const step = await runStep(
      api,
      { components: COMPONENTS, checks: '{"tests": "success"}' },
      pullEvent(pull, { fromRepo: 'someone/cortex' }),
    )
    expectOk(step)
    expect(writes(api)).toEqual([])
    expect(step.log).toMatch(
      /^::notice title=Summary writes skipped::this run's token can only read \(the pull request comes from someone\/cortex/m,
    )
    expect(step.outputs['skipped-writes']).toBe('true')
    expect(step.outputs['comment-id']).toBe('')
    expect(step.summary).toContain('| tests | ✅ success |')
    const saved = JSON.parse(
      readFileSync(step.outputs['summary-file'] ?? '', 'utf8'),
    ) as { pr: number; headSha: string; body: string }
    expect(saved).toMatchObject({ pr: pull.number, headSha: H1 })
    expect(saved.body).toContain('| tests | ✅ success |')
  })

  it('is posted later by a workflow_run job from the saved file', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/a.md', 3)], { labels: ['size/XL'] })
    const forkRun = await runStep(
      api,
      { components: COMPONENTS, checks: '{"tests": "success"}' },
      pullEvent(pull, { fromRepo: 'someone/cortex' }),
    )
    const path = forkRun.outputs['summary-file'] ?? ''
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { body: string }
    const post = await runStep(
      api,
      { components: COMPONENTS, 'from-file': path },
      { action: 'completed', workflow_run: { head_sha: H1 } },
      { GITHUB_EVENT_NAME: 'workflow_run' },
    )
    expectOk(post)
    expect(commentsOf(repo, pull)).toEqual([
      `<!-- cortex-actions:pr-summary:main -->\n<!-- head-sha: ${H1} -->\n${saved.body}`,
    ])
    expect(labelsOf(pull)).toEqual(['docs', 'size/XS'])
    expect(post.outputs['skipped-writes']).toBe('false')
  })

  it('refuses a saved file for another commit than the triggering run', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/a.md')])
    const forkRun = await runStep(
      api,
      {},
      pullEvent(pull, { fromRepo: 'someone/cortex' }),
    )
    const post = await runStep(
      api,
      { 'from-file': forkRun.outputs['summary-file'] ?? '' },
      { workflow_run: { head_sha: H2 } },
      { GITHUB_EVENT_NAME: 'workflow_run' },
    )
    expect(post.failed).toBe(true)
    expect(post.log).toContain(
      `::error::Configuration error: the event payload's workflow_run.head_sha: got "${H2}"; expected the head SHA the summary file describes (${H1})`,
    )
    expect(writes(api)).toEqual([])
  })

  it('posts nothing from a saved file once the head has moved on', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/a.md')])
    const forkRun = await runStep(
      api,
      {},
      pullEvent(pull, { fromRepo: 'someone/cortex' }),
    )
    if (pull.pull) pull.pull.head.sha = H2
    const post = await runStep(
      api,
      { 'from-file': forkRun.outputs['summary-file'] ?? '' },
      { workflow_run: { head_sha: H1 } },
      { GITHUB_EVENT_NAME: 'workflow_run' },
    )
    expectOk(post)
    expect(writes(api)).toEqual([])
    expect(post.log).toContain(`the pull request's head is now ${H2}`)
  })

  it("treats Dependabot's pull_request runs as read-only too", async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('package.json')])
    const step = await runStep(api, {}, pullEvent(pull), {
      GITHUB_ACTOR: 'dependabot[bot]',
    })
    expectOk(step)
    expect(writes(api)).toEqual([])
    expect(step.log).toContain(
      "Dependabot's pull_request runs get a read-only token",
    )
  })

  it('writes with the base repository token on pull_request_target', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/a.md')])
    const step = await runStep(
      api,
      { components: COMPONENTS },
      pullEvent(pull, { fromRepo: 'someone/cortex' }),
      { GITHUB_EVENT_NAME: 'pull_request_target' },
    )
    expectOk(step)
    expect(labelsOf(pull)).toEqual(['docs', 'size/XS'])
    expect(commentsOf(repo, pull)).toHaveLength(1)
  })
})

describe('a refused write', () => {
  it('names the missing permission on a pull request from this repository', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/a.md')])
    denyWrites(api.faults)
    const step = await runStep(api, {}, pullEvent(pull))
    expect(step.failed).toBe(true)
    expect(step.log).toMatch(
      /^::error::Configuration error: the job's token: got "403 Resource not accessible by integration when trying to create labels"; expected a token with `pull-requests: write`/m,
    )
    // One refused write, then no more; the summary and outputs are kept.
    expect(writes(api)).toHaveLength(1)
    expect(step.outputs['skipped-writes']).toBe('true')
    expect(step.summary).toContain('GitHub refused to create labels')
    expect(step.summary).toContain('#### Changes')
  })

  it('is a notice, and no failure, when GitHub refuses for another reason', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/a.md')], { labels: ['size/XS'] })
    api.faults.inject(
      { method: 'POST', path: '/comments' },
      {
        status: 403,
        message: 'Unable to create comment because issue is locked.',
      },
    )
    const step = await runStep(api, {}, pullEvent(pull))
    expectOk(step)
    expect(step.log).toContain(
      '::notice title=Summary writes skipped::GitHub refused to comment on the pull request (403 Unable to create comment because issue is locked.)',
    )
    expect(step.outputs['skipped-writes']).toBe('true')
  })
})
