import { afterEach, describe, expect, it } from '@jest/globals'
import { Git } from '../../../lib/git/index.js'
import { createGitHubClient } from '../../../lib/github/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import type { GitHubApi } from '../../../test/support/github-api.js'
import { startGitHubApi } from '../../../test/support/github-api.js'
import { defaultBranch } from '../src/messages.js'
import type { ImageRequest } from '../src/requests.js'
import type { UpdateOptions } from '../src/update.js'
import { runUpdate } from '../src/update.js'
import { PLATFORM_IMAGES, platformRepo } from './platform.js'

// Pull-request mode: real git (a bare origin holding examples/platform and
// clones) and the GitHub API stand-in. One branch and one pull request per
// version; a re-run updates it; a merged one is never brought back (C72 c).

const TOKEN = 'ghs_pullRequestToken0123456789'
const REPOSITORY = 'example-org/cortex-gitops'
const FILES = ['apps/dashboard/overlays/production/**']
const IMAGES: ImageRequest[] = [
  { repository: PLATFORM_IMAGES.dashboard, tag: '2.1.0' },
]
const BRANCH = defaultBranch('update-manifests/', IMAGES, FILES, [])

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const clean of cleanups.splice(0)) await clean()
})

async function setup(): Promise<{ repo: GitRepo; api: GitHubApi }> {
  const repo = platformRepo()
  const api = await startGitHubApi({ token: TOKEN })
  cleanups.push(
    () => repo.cleanup(),
    () => api.close(),
  )
  return { repo, api }
}

function openPull(
  api: GitHubApi,
  clone: GitRepo,
  mode: UpdateOptions['mode'] = 'pull-request',
) {
  const octokit = createGitHubClient({
    token: TOKEN,
    apiUrl: api.url,
    logger: new MemoryLogger(),
    retries: 0,
  })
  const options: UpdateOptions = {
    root: clone.workDir,
    request: { files: FILES, images: IMAGES, targets: [], options: {} },
    mode,
    dryRun: false,
    allowUnmatched: false,
    remote: 'origin',
    branch: 'main',
    pullBranch: BRANCH,
    subject: 'chore(deploy): set cortex-dashboard:2.1.0',
    retries: 3,
    pull: {
      octokit,
      owner: 'example-org',
      repo: 'cortex-gitops',
      labels: ['deploy', 'production'],
      attempts: 2,
    },
  }
  return runUpdate(new Git(clone.workDir), options, new MemoryLogger())
}

function pulls(api: GitHubApi) {
  return [...api.state.repo(REPOSITORY).issues.values()].filter(
    (issue) => issue.pull !== undefined,
  )
}

/** The calls that write, from request `from` on. */
function writes(api: GitHubApi, from = 0): string[] {
  return api.requests
    .slice(from)
    .filter((r) => r.method !== 'GET')
    .map((r) => `${r.method} ${r.path}`)
}

/** A reviewer merges the branch into main and GitHub deletes it. */
function mergeAndDelete(repo: GitRepo, api: GitHubApi): void {
  const reviewer = repo.cloneOrigin()
  reviewer.git('fetch', '-q', 'origin', BRANCH)
  reviewer.merge('FETCH_HEAD', `Merge pull request #1 from ${BRANCH}`)
  reviewer.push('main')
  reviewer.git('push', '-q', 'origin', '--delete', BRANCH)
  const [pull] = pulls(api)
  if (pull?.pull === undefined) throw new Error('no pull request to merge')
  pull.state = 'closed'
  pull.pull.merged = true
}

describe('pull-request mode', () => {
  it('names the branch after the image, the version and a hash of the targets', () => {
    expect(BRANCH).toMatch(
      /^update-manifests\/cortex-dashboard-2\.1\.0-[0-9a-f]{8}$/,
    )
  })

  it('pushes a branch from main and opens one pull request', async () => {
    const { repo, api } = await setup()
    const main = repo.head()
    const result = await openPull(api, repo)
    const refs = repo.originRefs()
    expect(refs['refs/heads/main']?.sha).toBe(main)
    expect(refs[`refs/heads/${BRANCH}`]?.sha).toBe(result.commitSha)
    expect(repo.git('rev-parse', `${result.commitSha ?? ''}^`)).toBe(main)
    expect(result).toMatchObject({
      branch: BRANCH,
      pullCreated: true,
      pullNumber: 1,
      pullUrl: `${api.serverUrl}/${REPOSITORY}/pull/1`,
    })
    expect(pulls(api)).toMatchObject([
      {
        title: 'chore(deploy): set cortex-dashboard:2.1.0',
        state: 'open',
        labels: ['deploy', 'production'],
        pull: { head: { ref: BRANCH }, base: { ref: 'main' } },
      },
    ])
    expect(pulls(api)[0]?.body).toContain(
      '| `apps/dashboard/overlays/production/kustomization.yaml` | `images[0].newTag` | `2.0.4` | `2.1.0` |',
    )
  })

  it('updates the open pull request on a re-run from a fresh checkout, opening no other', async () => {
    const { repo, api } = await setup()
    const first = await openPull(api, repo)
    const from = api.requests.length
    const fresh = repo.cloneOrigin()
    const again = await openPull(api, fresh)
    expect(again).toMatchObject({ pullCreated: false, pullNumber: 1 })
    expect(again.commitSha).toBeUndefined()
    expect(repo.originRefs()[`refs/heads/${BRANCH}`]?.sha).toBe(first.commitSha)
    expect(writes(api, from)).toEqual([
      `PATCH /repos/${REPOSITORY}/pulls/1`,
      `POST /repos/${REPOSITORY}/issues/1/labels`,
    ])
    expect(pulls(api)).toHaveLength(1)
  })

  it('updates the open pull request on a re-run in the same clone', async () => {
    const { repo, api } = await setup()
    await openPull(api, repo)
    const again = await openPull(api, repo)
    expect(again).toMatchObject({ pullCreated: false, pullNumber: 1 })
    expect(pulls(api)).toHaveLength(1)
  })

  it('lets a push-mode step follow in the same clone', async () => {
    const { repo, api } = await setup()
    await openPull(api, repo)
    const pushed = await openPull(api, repo, 'push')
    expect(repo.originRefs()['refs/heads/main']?.sha).toBe(pushed.commitSha)
    expect(pulls(api)).toHaveLength(1)
  })

  it.each([
    ['a fresh checkout', true],
    ['the same clone', false],
  ])(
    'does nothing once the pull request was merged and its branch deleted, from %s (C72 c)',
    async (_, fresh) => {
      const { repo, api } = await setup()
      await openPull(api, repo)
      mergeAndDelete(repo, api)
      const from = api.requests.length
      const refs = repo.originRefs()
      const after = await openPull(api, fresh ? repo.cloneOrigin() : repo)
      expect(after.upToDate).toMatch(
        /^origin\/main already has these versions; no pull request is needed/,
      )
      expect(after.pullUrl).toBeUndefined()
      expect(after.commitSha).toBeUndefined()
      expect(repo.originRefs()).toEqual(refs)
      expect(refs[`refs/heads/${BRANCH}`]).toBeUndefined()
      expect(writes(api, from)).toEqual([])
      expect(pulls(api)).toHaveLength(1)
    },
  )

  it('opens a new pull request when the last one was closed unmerged', async () => {
    const { repo, api } = await setup()
    await openPull(api, repo)
    const [closed] = pulls(api)
    if (closed !== undefined) closed.state = 'closed'
    const again = await openPull(api, repo.cloneOrigin())
    expect(again).toMatchObject({ pullCreated: true, pullNumber: 2 })
    expect(pulls(api).map((p) => p.state)).toEqual(['closed', 'open'])
  })
})
