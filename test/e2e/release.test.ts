import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { ReleaseFixture } from './run-bundle.js'
import {
  ARTIFACT_INPUTS,
  E2E_REPOSITORY,
  E2E_TOKEN,
  expectSuccess,
  freshCheckout,
  leakedToken,
  requireBundle,
  seedService,
  startFixture,
} from './run-bundle.js'

// `node dist/release/index.js` as the runner starts it, on real temp
// repositories and the GitHub API stand-in: releases, an announcement, a
// bad input and a dry run.

let fx: ReleaseFixture
beforeAll(requireBundle)
afterEach(() => fx?.close())

function packageJson(version: string): string {
  return `{\n  "name": "svc",\n  "version": "${version}"\n}\n`
}

/** The subject of a commit on origin. */
function originSubject(sha: string): string {
  return fx.repo.run(['log', '-1', '--format=%s', sha], {
    cwd: fx.repo.originDir,
  })
}

describe('the release bundle', () => {
  it('makes the first release: commit, tag and GitHub release with the notes (C13, C18)', async () => {
    fx = await startFixture()
    fx.repo.commit('chore: init', { 'package.json': packageJson('0.0.0') })
    fx.repo.commit('feat: first feature')
    fx.repo.push()

    const run = await fx.release({ 'api-retries': '0' })
    expectSuccess(run)
    const sha = run.outputs['commit-sha'] ?? ''
    const refs = fx.repo.originRefs()
    expect(refs['refs/heads/main']?.sha).toBe(sha)
    expect(refs['refs/tags/v0.1.0']?.commit).toBe(sha)
    expect(originSubject(sha)).toBe('chore(release): 0.1.0')
    const release = fx.api.state.repo(E2E_REPOSITORY).releaseByTag('v0.1.0')
    expect(release).toMatchObject({
      body: run.outputs.notes,
      target_commitish: sha,
      draft: false,
      prerelease: false,
      make_latest: 'true',
    })
    expect(run.outputs).toMatchObject({
      released: 'true',
      version: '0.1.0',
      tag: 'v0.1.0',
      'release-url': `${fx.api.serverUrl}/org/svc/releases/tag/v0.1.0`,
      'release-id': String(release?.id),
    })
    expect(run.outputs.notes).toMatch(/^## 0\.1\.0 .*\n\n### Features\n/)
    // The token reached the bundle, and only the mask command holds it.
    expect(run.stdout).toContain(`::add-mask::${E2E_TOKEN}`)
    expect(leakedToken(run)).toEqual([])
  })

  it('announces a breaking release in one labelled issue, and not again on a re-run', async () => {
    fx = await startFixture()
    fx.repo.commit('chore: init', { 'package.json': packageJson('1.9.3') })
    fx.repo.tag('v1.9.3', { annotated: true })
    const start = fx.repo.commit('feat!: drop the v1 API')
    fx.repo.push()
    const inputs = {
      announce: 'true',
      'announce-labels': 'release\nannouncement',
      'api-retries': '0',
    }

    const run = await fx.release(inputs)
    expectSuccess(run)
    expect(run.outputs).toMatchObject({ version: '2.0.0', bump: 'major' })
    const issues = () => [...fx.api.state.repo(E2E_REPOSITORY).issues.values()]
    expect(issues()).toEqual([
      expect.objectContaining({
        title: 'Released v2.0.0',
        labels: ['release', 'announcement'],
        state: 'open',
      }),
    ])
    expect(issues()[0]?.body).toContain(run.outputs['release-url'])

    freshCheckout(fx.repo, start, 'v2.0.0')
    const from = fx.api.requests.length
    const again = await fx.release(inputs)
    expectSuccess(again)
    expect(again.outputs.released).toBe('false')
    expect(fx.writes(from)).toEqual([])
    expect(issues()).toHaveLength(1)
  })

  it('fails on a bad input with exit code 1, a plain message and no change', async () => {
    fx = await startFixture()
    const start = seedService(fx.repo)
    const before = fx.repo.originRefs()

    const run = await fx.release({ 'tag-format': 'v' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      `::error::Configuration error: input 'tag-format': got "v"`,
    )
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m)
    expect(fx.repo.originRefs()).toEqual(before)
    expect(fx.repo.head()).toBe(start)
    expect(fx.repo.git('status', '--porcelain')).toBe('')
    expect(fx.repo.git('tag')).toBe('v1.4.0')
    expect(fx.writes()).toEqual([])
  })

  it('writes nothing anywhere in a dry run, even with the token', async () => {
    fx = await startFixture()
    const start = seedService(fx.repo)
    const before = fx.repo.originRefs()

    const run = await fx.release({
      ...ARTIFACT_INPUTS,
      'dry-run': 'true',
      announce: 'true',
      'floating-tags': 'true',
    })
    expectSuccess(run)
    expect(run.outputs).toMatchObject({ released: 'false', version: '1.5.0' })
    expect(run.summary).toContain('would release v1.5.0')
    expect(fx.writes()).toEqual([])
    expect(fx.repo.originRefs()).toEqual(before)
    expect(fx.repo.head()).toBe(start)
    expect(fx.repo.git('status', '--porcelain')).toBe('')
    expect(fx.repo.git('tag')).toBe('v1.4.0')
  })
})
