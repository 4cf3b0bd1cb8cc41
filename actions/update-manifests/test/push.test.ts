import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { Git } from '../../../lib/git/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { PushFailure } from '../src/gitops.js'
import type { ImageRequest } from '../src/requests.js'
import type { UpdateOptions } from '../src/update.js'
import { runUpdate } from '../src/update.js'
import { PLATFORM_IMAGES, platformRepo } from './platform.js'
import { racer } from './racer.js'

// Push mode with real git: a bare origin holding examples/platform and
// clones of it. A `pre-push` hook in our clone plays the other pusher of
// CASES C72 a: it pushes from a second clone while our push is under way.

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

const KUSTOMIZATION = 'apps/dashboard/overlays/staging/kustomization.yaml'
const IDENTITY = Git.identity('deploy-bot', 'deploy-bot@example.org')

function setup(): GitRepo {
  const repo = platformRepo()
  repos.push(repo)
  // A bare repository keeps no reflog unless asked; it shows every update.
  repo.run(['config', 'core.logAllRefUpdates', 'always'], {
    cwd: repo.originDir,
  })
  return repo
}

function push(repo: GitRepo, tag: string, retries = 3, branch = 'main') {
  const images: ImageRequest[] = [
    { repository: PLATFORM_IMAGES.dashboard, tag },
  ]
  const options: UpdateOptions = {
    root: repo.workDir,
    request: {
      files: ['apps/dashboard/overlays/staging/**'],
      images,
      targets: [],
      options: {},
    },
    mode: 'push',
    dryRun: false,
    allowUnmatched: false,
    remote: 'origin',
    branch,
    pullBranch: 'unused',
    subject: `chore(deploy): set cortex-dashboard:${tag}`,
    retries,
  }
  const logger = new MemoryLogger()
  const git = new Git(repo.workDir, {}, IDENTITY)
  return { logger, result: runUpdate(git, options, logger) }
}

/** Runs git in the bare origin. */
function origin(repo: GitRepo, ...args: string[]): string {
  return repo.run(args, { cwd: repo.originDir })
}

/** Each update of origin's main was a fast forward of the one before. */
function onlyFastForwards(repo: GitRepo): void {
  const values = origin(repo, 'reflog', 'show', '--format=%H', 'main')
    .split('\n')
    .reverse()
  expect(values.length).toBeGreaterThan(1)
  values.slice(1).forEach((value, i) => {
    // Asked of origin: our clone never fetched the last racing commit.
    const base = origin(repo, 'merge-base', values[i] ?? '', value)
    expect(base).toBe(values[i])
  })
}

describe('push mode', () => {
  it('commits once, listing every change, and pushes', async () => {
    const repo = setup()
    const start = repo.head()
    const { result, logger } = push(repo, '2.1.1')
    const done = await result
    expect(done).toMatchObject({ attempts: 1, branch: 'main' })
    expect(done.upToDate).toBeUndefined()
    const sha = done.commitSha ?? ''
    expect(repo.originRefs()['refs/heads/main']?.sha).toBe(sha)
    expect(origin(repo, 'rev-parse', `${sha}^`)).toBe(start)
    expect(origin(repo, 'log', '-1', '--format=%B', sha)).toBe(
      'chore(deploy): set cortex-dashboard:2.1.1\n\n' +
        `${KUSTOMIZATION}:13 images[0].newTag: 2.1.0 → 2.1.1\n`,
    )
    expect(origin(repo, 'log', '-1', '--format=%an <%ae>', sha)).toBe(
      'deploy-bot <deploy-bot@example.org>',
    )
    expect(origin(repo, 'diff', '--name-only', start, sha)).toBe(KUSTOMIZATION)
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(logger.at('warning')).toEqual([])
  })

  it('re-applies the edit on the commit that won the race, then pushes (C72 a)', async () => {
    const repo = setup()
    const start = repo.head()
    racer(repo, false)
    const { result, logger } = push(repo, '2.1.1')
    const done = await result
    expect(done.attempts).toBe(2)
    const sha = done.commitSha ?? ''
    expect(repo.originRefs()['refs/heads/main']?.sha).toBe(sha)
    expect(origin(repo, 'log', '--format=%s', 'main').split('\n')).toEqual([
      'chore(deploy): set cortex-dashboard:2.1.1',
      'chore: the other pusher',
      'chore: the platform, from examples/platform',
    ])
    expect(origin(repo, 'rev-list', '--merges', 'main')).toBe('')
    expect(origin(repo, 'diff', '--name-only', start, sha).split('\n')).toEqual(
      [KUSTOMIZATION, 'racer.txt'],
    )
    onlyFastForwards(repo)
    expect(logger.at('warning')).toEqual([
      'push rejected: main moved on the remote; fetching and re-applying the edit (attempt 2 of 4)',
    ])
  })

  it('commits nothing when the other pusher made the same change', async () => {
    const repo = setup()
    const other = racer(repo, false, KUSTOMIZATION)
    other.writeFile(
      KUSTOMIZATION,
      other.readFile(KUSTOMIZATION).replace('newTag: 2.1.0', 'newTag: 2.1.1'),
    )
    const done = await push(repo, '2.1.1').result
    expect(done).toMatchObject({ attempts: 2, plan: { edits: [] } })
    expect(done.commitSha).toBeUndefined()
    expect(origin(repo, 'log', '-1', '--format=%s', 'main')).toBe(
      'chore: the other pusher',
    )
  })

  it('gives up after the retries when the other pusher always wins, never forcing', async () => {
    const repo = setup()
    racer(repo, true)
    const { result, logger } = push(repo, '2.1.1', 2)
    await expect(result).rejects.toThrow(PushFailure)
    await expect(result).rejects.toThrow(
      'git push to main was rejected 3 times because others pushed first; ' +
        'the edit was re-applied on their commits each time. Nothing was ' +
        'force-pushed; run again, or raise push-retries.',
    )
    expect(logger.at('warning')).toHaveLength(2)
    const subjects = origin(repo, 'log', '--format=%s', 'main').split('\n')
    expect(subjects.filter((s) => s.startsWith('chore(deploy)'))).toEqual([])
    expect(
      subjects.filter((s) => s === 'chore: the other pusher'),
    ).toHaveLength(3)
    onlyFastForwards(repo)
  })

  it('reports a push refused for another reason at once, in git’s words', async () => {
    const repo = setup()
    const hook = join(repo.originDir, 'hooks', 'pre-receive')
    writeFileSync(hook, '#!/bin/sh\necho "main is protected" >&2\nexit 1\n')
    chmodSync(hook, 0o755)
    const { result, logger } = push(repo, '2.1.1')
    await expect(result).rejects.toThrow(
      /^git push to origin main failed: .*main is protected/,
    )
    expect(logger.at('warning')).toEqual([])
  })

  it('changes nothing on a re-run with the same tag (C72 b)', async () => {
    const repo = setup()
    const first = await push(repo, '2.1.1').result
    const refs = repo.originRefs()
    const again = await push(repo, '2.1.1').result
    expect(again.commitSha).toBeUndefined()
    expect(again.plan.edits).toEqual([])
    expect(again.upToDate).toMatch(/^origin\/main already .*nothing to commit/)
    expect(repo.originRefs()).toEqual(refs)
    expect(repo.head()).toBe(first.commitSha)
  })

  it('refuses to run over uncommitted changes to tracked files', async () => {
    const repo = setup()
    const refs = repo.originRefs()
    repo.writeFile('README.md', 'work in progress\n')
    await expect(push(repo, '2.1.1').result).rejects.toThrow(
      /has uncommitted changes to tracked files; commit or stash them first/,
    )
    expect(repo.readFile('README.md')).toBe('work in progress\n')
    expect(repo.originRefs()).toEqual(refs)
  })

  it('refuses a local branch that is ahead of the remote', async () => {
    const repo = setup()
    const refs = repo.originRefs()
    const local = repo.commit('wip: not pushed', { 'notes.txt': 'wip\n' })
    await expect(push(repo, '2.1.1').result).rejects.toThrow(
      `HEAD (${local.slice(0, 12)}) has commits that are not on origin/main; ` +
        'push or drop them first, or run on a fresh checkout',
    )
    expect(repo.head()).toBe(local)
    expect(repo.originRefs()).toEqual(refs)
  })

  it('refuses a branch the remote does not have, pushing nothing', async () => {
    const repo = setup()
    const refs = repo.originRefs()
    await expect(push(repo, '2.1.1', 3, 'staging').result).rejects.toThrow(
      'branch staging does not exist on origin',
    )
    expect(repo.originRefs()).toEqual(refs)
  })
})
