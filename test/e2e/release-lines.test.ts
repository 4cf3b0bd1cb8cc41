import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { RecordedRequest } from '../support/github-api.js'
import type { ReleaseFixture } from './run-bundle.js'
import {
  E2E_REPOSITORY,
  expectSuccess,
  freshCheckout,
  requireBundle,
  startFixture,
} from './run-bundle.js'

// The bundle on release lines (CASES.md C64): a pre-release channel and its
// graduation, and a back-port that moves only its own floating tags.

const REFS = /^\/repos\/org\/svc\/git\/refs/

let fx: ReleaseFixture
beforeAll(requireBundle)
afterEach(() => fx?.close())

function packageJson(version: string): string {
  return `{\n  "name": "svc",\n  "version": "${version}"\n}\n`
}

/** The requests that create or move a ref, from index `from` on. */
function refWrites(from = 0): RecordedRequest[] {
  return fx.writes(from).filter((r) => REFS.test(r.path))
}

function githubRelease(tag: string) {
  return fx.api.state.repo(E2E_REPOSITORY).releaseByTag(tag)
}

describe('the release bundle on release lines', () => {
  it('moves no floating tag for a pre-release, then creates them when the line graduates (C64)', async () => {
    fx = await startFixture()
    const inputs = {
      'prerelease-branches': 'next',
      'floating-tags': 'true',
      'api-retries': '0',
    }
    fx.repo.commit('chore: init', { 'package.json': packageJson('1.2.0') })
    fx.repo.tag('v1.2.0', { annotated: true })
    fx.repo.push()
    fx.repo.branch('next')
    fx.repo.checkout('next')
    fx.repo.commit('feat: search preview')
    fx.repo.push('next')

    const pre = await fx.release(inputs, 'next')
    expectSuccess(pre)
    expect(pre.outputs).toMatchObject({
      version: '1.3.0-next.1',
      'floating-tags': '[]',
    })
    expect(githubRelease('v1.3.0-next.1')).toMatchObject({
      prerelease: true,
      make_latest: 'false',
    })
    expect(refWrites()).toEqual([])
    expect(fx.api.state.repo(E2E_REPOSITORY).refs.size).toBe(0)

    fx.repo.checkout('main')
    fx.repo.merge('next', "Merge branch 'next'")
    fx.repo.push('main')
    const from = fx.api.requests.length
    const stable = await fx.release(inputs)
    expectSuccess(stable)
    const sha = stable.outputs['commit-sha'] ?? ''
    expect(stable.outputs).toMatchObject({
      version: '1.3.0',
      'previous-tag': 'v1.2.0',
      'floating-tags': '["v1","v1.3"]',
    })
    expect(fx.repo.originRefs()['refs/tags/v1.3.0']?.commit).toBe(sha)
    expect(githubRelease('v1.3.0')).toMatchObject({
      prerelease: false,
      make_latest: 'true',
      target_commitish: sha,
    })
    expect(refWrites(from).map((r) => [r.method, r.body])).toEqual([
      ['POST', { ref: 'refs/tags/v1', sha }],
      ['POST', { ref: 'refs/tags/v1.3', sha }],
    ])
    expect(Object.fromEntries(fx.api.state.repo(E2E_REPOSITORY).refs)).toEqual({
      'refs/tags/v1': sha,
      'refs/tags/v1.3': sha,
    })
  })

  it('moves v1 and v1.4 for a back-port, never v2, and nothing on a re-run (C64)', async () => {
    const { c1, c2, start } = await seedBackport()
    const state = fx.api.state.repo(E2E_REPOSITORY)
    state.seedRef('tags/v1', c1)
    state.seedRef('tags/v1.4', c1)
    state.seedRef('tags/v2', c2)

    const run = await fx.release(BACKPORT, '1.4.x')
    expectSuccess(run)
    const c5 = run.outputs['commit-sha'] ?? ''
    expect(run.outputs).toMatchObject({
      version: '1.4.3',
      'floating-tags': '["v1","v1.4"]',
    })
    const origin = fx.repo.originRefs()
    expect(origin['refs/tags/v1.4.3']?.commit).toBe(c5)
    expect(origin['refs/heads/1.4.x']?.sha).toBe(c5)
    // Octokit sends `tags%2Fv1`, which GitHub (and the stand-in) decode.
    const moves = refWrites().map((r) => [
      r.method,
      decodeURIComponent(r.path),
      r.body,
    ])
    expect(moves).toEqual([
      ['PATCH', '/repos/org/svc/git/refs/tags/v1', { sha: c5, force: true }],
      ['PATCH', '/repos/org/svc/git/refs/tags/v1.4', { sha: c5, force: true }],
    ])
    expect(Object.fromEntries(state.refs)).toEqual({
      'refs/tags/v1': c5,
      'refs/tags/v1.4': c5,
      'refs/tags/v2': c2,
    })
    expect(githubRelease('v1.4.3')?.target_commitish).toBe(c5)

    freshCheckout(fx.repo, start, 'v1.4.3')
    const from = fx.api.requests.length
    const again = await fx.release(BACKPORT, '1.4.x')
    expectSuccess(again)
    expect(again.outputs['floating-tags']).toBe('[]')
    expect(refWrites(from)).toEqual([])
    expect(fx.writes(from)).toEqual([])
  })

  // Every release tag counts, not only those the back-port branch holds.
  it('does not mark a back-port as the latest release when v2.0.0 exists', async () => {
    await seedBackport()
    expectSuccess(await fx.release(BACKPORT, '1.4.x'))
    expect(githubRelease('v1.4.3')?.make_latest).toBe('false')
  })

  // v1.5.0 on main is not on 1.4.x, yet it keeps v1 from moving back.
  it('leaves v1 on v1.5.0 when back-porting 1.4.3 (C64)', async () => {
    const { c2 } = await seedBackport({ mainTag: 'v1.5.0' })
    const state = fx.api.state.repo(E2E_REPOSITORY)
    state.seedRef('tags/v1', c2)
    const run = await fx.release(BACKPORT, '1.4.x')
    expectSuccess(run)
    expect(run.outputs['floating-tags']).toBe('["v1.4"]')
    expect(state.refs.get('refs/tags/v1')).toBe(c2)
  })
})

const BACKPORT = { 'floating-tags': 'true', 'api-retries': '0' }

/**
 * v1.4.2 on C1, where branch 1.4.x starts; a later release (v2.0.0 unless
 * said otherwise) on C2 on main; a fix pushed to 1.4.x, the triggering
 * commit.
 */
async function seedBackport(
  options: { mainTag?: string } = {},
): Promise<{ c1: string; c2: string; start: string }> {
  fx = await startFixture()
  const mainTag = options.mainTag ?? 'v2.0.0'
  const c1 = fx.repo.commit('chore: init', {
    'package.json': packageJson('1.4.2'),
  })
  fx.repo.tag('v1.4.2', { annotated: true })
  fx.repo.branch('1.4.x')
  const c2 = fx.repo.commit(`chore(release): ${mainTag.slice(1)}`, {
    'package.json': packageJson(mainTag.slice(1)),
  })
  fx.repo.tag(mainTag, { annotated: true })
  fx.repo.push()
  fx.repo.checkout('1.4.x')
  const start = fx.repo.commit('fix: close idle connections')
  fx.repo.push('1.4.x')
  return { c1, c2, start }
}
