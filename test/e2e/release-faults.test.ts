import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmodSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { GitHubApi } from '../support/github-api.js'
import { startGitHubApi } from '../support/github-api.js'
import type { ReleaseFixture, ReleaseState } from './run-bundle.js'
import {
  ARTIFACT_INPUTS,
  E2E_REPOSITORY,
  E2E_TOKEN,
  expectSuccess,
  freshCheckout,
  leakedToken,
  releaseState,
  requireBundle,
  runBundle,
  seedService,
  startFixture,
} from './run-bundle.js'

// The bundle re-run after a failed write (CASES.md C18, C65): each pair of
// runs must end where one uninterrupted run ends, with nothing twice.

const INPUTS = { ...ARTIFACT_INPUTS, 'api-retries': '0' }
const RELEASES = /^\/repos\/org\/svc\/releases$/

// One stand-in for every run here, so the notes' links, and with them the
// npm tarball's bytes, are the same in each run.
let api: GitHubApi
let reference: ReleaseState
const fixtures: ReleaseFixture[] = []

async function fixture(): Promise<ReleaseFixture> {
  const fx = await startFixture(api)
  fixtures.push(fx)
  return fx
}

beforeAll(async () => {
  requireBundle()
  api = await startGitHubApi({ token: E2E_TOKEN })
  const fx = await fixture()
  seedService(fx.repo)
  expectSuccess(await fx.release(INPUTS))
  reference = releaseState(fx, 'v1.5.0', '1.5.0')
})
afterAll(async () => {
  for (const fx of fixtures) await fx.close()
  await api?.close()
})

function releaseCount(): number {
  return api.state.repo(E2E_REPOSITORY).releases.size
}

// A hung request ends only at lib/github's 60 s request timeout, which no
// input shortens, so this one runs only when asked: E2E_SLOW=1.
const slow = process.env.E2E_SLOW === '1' ? it : it.skip

/** Makes origin refuse every push until the returned function is called. */
function freezeOrigin(fx: ReleaseFixture): () => void {
  const hook = join(fx.repo.originDir, 'hooks', 'pre-receive')
  writeFileSync(hook, '#!/bin/sh\necho "pushes are frozen" >&2\nexit 1\n')
  chmodSync(hook, 0o755)
  return () => rmSync(hook)
}

describe('a re-run of the release bundle', () => {
  it('releases from a fresh checkout after a rejected push, which released nothing', async () => {
    const fx = await fixture()
    const start = seedService(fx.repo)
    const thaw = freezeOrigin(fx)
    const before = fx.repo.originRefs()

    const first = await fx.release(INPUTS)
    expect(first.exitCode).not.toBe(0)
    expect(first.stdout).toMatch(/::error::.*nothing was released/)
    expect(fx.repo.originRefs()).toEqual(before)
    expect(fx.writes()).toEqual([])
    expect(releaseCount()).toBe(0)

    thaw()
    fx.repo.git('reset', '--quiet', '--hard', start)
    const second = await fx.release(INPUTS)
    expectSuccess(second)
    expect(second.outputs).toMatchObject({ released: 'true', tag: 'v1.5.0' })
    expect(releaseState(fx, 'v1.5.0', '1.5.0')).toEqual(reference)
  })

  // The rejected push leaves the release commit in the clone (only its tag
  // is removed), as a local runner or a retried step would find it.
  it('releases when re-run in the same clone after a rejected push', async () => {
    const fx = await fixture()
    seedService(fx.repo)
    const thaw = freezeOrigin(fx)
    expect((await fx.release(INPUTS)).exitCode).not.toBe(0)
    thaw()
    expectSuccess(await fx.release(INPUTS))
    expect(releaseState(fx, 'v1.5.0', '1.5.0')).toEqual(reference)
  })

  it('completes the release after its creation failed, from the same commit (C18)', async () => {
    const fx = await fixture()
    const start = seedService(fx.repo)
    fx.api.faults.inject({ method: 'POST', path: RELEASES }, { status: 502 })
    const first = await fx.release(INPUTS)
    expect(first.exitCode).not.toBe(0)
    expect(first.stdout).toMatch(
      /::error::creating the GitHub release for v1.5.0 failed/,
    )
    const pushed = fx.repo.originRefs()
    const releaseCommit = pushed['refs/heads/main']?.sha
    expect(pushed['refs/tags/v1.5.0']?.commit).toBe(releaseCommit)
    expect(releaseCount()).toBe(0)

    freshCheckout(fx.repo, start, 'v1.5.0')
    const second = await fx.release(INPUTS)
    expectSuccess(second)
    expect(second.outputs).toMatchObject({
      released: 'true',
      version: '1.5.0',
      'commit-sha': releaseCommit,
    })
    expect(second.summary).toContain("an earlier run's v1.5.0")
    expect(releaseState(fx, 'v1.5.0', '1.5.0')).toEqual(reference)
    for (const run of [first, second]) {
      expect(leakedToken(run)).toEqual([])
    }
  })

  it('waits out a secondary rate limit on the release creation, with a warning', async () => {
    const fx = await fixture()
    seedService(fx.repo)
    fx.api.faults.inject(
      { method: 'POST', path: RELEASES },
      { secondaryRateLimit: { retryAfter: 1 } },
    )
    // Default api-retries; no artifacts, as the throttle spaces writes 1 s.
    const run = await fx.release()
    expectSuccess(run)
    expect(run.stdout).toMatch(
      /^::warning title=GitHub API rate limit::POST \S+ hit the secondary rate limit; retrying in 1 s$/m,
    )
    const creates = fx.api.requests.filter(
      (r) => r.method === 'POST' && RELEASES.test(r.path),
    )
    expect(creates.map((r) => r.status)).toEqual([403, 201])
    expect(releaseCount()).toBe(1)
  })

  slow(
    'fails, never hangs, when a request is never answered',
    async () => {
      const fx = await fixture()
      seedService(fx.repo)
      fx.api.faults.inject(
        { method: 'GET', path: '/releases/tags/' },
        { hang: true },
      )
      const run = await runBundle(
        { token: E2E_TOKEN, ...INPUTS },
        {
          workspace: fx.repo.workDir,
          branch: 'main',
          sha: fx.repo.head(),
          api: fx.api,
          timeoutMs: 80_000,
        },
      )
      expect(run.signal).toBeNull()
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(
        /^::error::looking up the release v1.5.0 failed: .*aborted due to timeout$/m,
      )
    },
    90_000,
  )
})
