// Pull-request mode's GitHub side: one pull request per branch, updated in
// place when it is already open (CASES C72 c), created at most once.
import type { getOctokit } from '@actions/github'
import { createOnce } from '../../../lib/github/index.js'

type Octokit = ReturnType<typeof getOctokit>

/** Where the pull request goes and what it says. */
export interface PullRequestSpec {
  readonly octokit: Octokit
  readonly owner: string
  readonly repo: string
  readonly base: string
  readonly head: string
  readonly title: string
  readonly body: string
  readonly labels: readonly string[]
  /** Attempts in all for creating it. */
  readonly attempts: number
}

/** The pull request after the run. */
export interface PullRequestOutcome {
  readonly url: string
  readonly number: number
  readonly created: boolean
}

/** Updates the open pull request of `head`, or opens one. */
export async function openOrUpdatePull(
  spec: PullRequestSpec,
): Promise<PullRequestOutcome> {
  const { octokit, owner, repo } = spec
  const existing = await findOpen(spec)
  let outcome: PullRequestOutcome
  if (existing !== undefined) {
    await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: spec.title,
      body: spec.body,
    })
    outcome = { ...existing, created: false }
  } else {
    const made = await createOnce({
      attempts: spec.attempts,
      create: async (noRetry) => {
        const { data } = await octokit.rest.pulls.create({
          owner,
          repo,
          base: spec.base,
          head: spec.head,
          title: spec.title,
          body: spec.body,
          request: noRetry,
        })
        return { url: data.html_url, number: data.number }
      },
      find: () => findOpen(spec),
    })
    outcome = { ...made, created: true }
  }
  if (spec.labels.length > 0) {
    await octokit.rest.issues.addLabels({
      owner,
      repo,
      issue_number: outcome.number,
      labels: [...spec.labels],
    })
  }
  return outcome
}

async function findOpen(
  spec: PullRequestSpec,
): Promise<{ url: string; number: number } | undefined> {
  const { data } = await spec.octokit.rest.pulls.list({
    owner: spec.owner,
    repo: spec.repo,
    head: `${spec.owner}:${spec.head}`,
    base: spec.base,
    state: 'open',
    per_page: 10,
  })
  const pull = data.find((p) => p.head.ref === spec.head)
  return pull === undefined
    ? undefined
    : { url: pull.html_url, number: pull.number }
}
