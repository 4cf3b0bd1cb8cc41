import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import type { GitHubApi } from '../../../test/support/github-api.js'
import { startGitHubApi } from '../../../test/support/github-api.js'
import { expectOk, runRelease } from './run-in-process.js'

// main.ts in this process against the loopback GitHub stand-in: the GitHub
// release, assets, announcement and floating tags, and re-runs after faults.
// The bundle is run as a child process by test/e2e.

const TOKEN = 'ghs_inProcessToken0123456789'
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const clean of cleanups.splice(0)) await clean()
})

async function setup(): Promise<{ repo: GitRepo; api: GitHubApi }> {
  const repo = createRepo()
  const api = await startGitHubApi({ token: TOKEN })
  cleanups.push(
    () => repo.cleanup(),
    () => api.close(),
  )
  return { repo, api }
}

function release(
  repo: GitRepo,
  api: GitHubApi,
  inputs: Record<string, string> = {},
  branch = 'main',
) {
  return runRelease(
    { token: TOKEN, 'changelog-file': 'none', 'api-retries': '0', ...inputs },
    {
      GITHUB_WORKSPACE: repo.workDir,
      GITHUB_REF_NAME: branch,
      GITHUB_REPOSITORY: 'org/svc',
      GITHUB_API_URL: api.url,
      GITHUB_SERVER_URL: api.serverUrl,
    },
  )
}

function releases(api: GitHubApi) {
  return [...api.state.repo('org/svc').releases.values()]
}

describe('the release stage on GitHub', () => {
  it('creates the release with its notes, artifacts and SHA256SUMS', async () => {
    const { repo, api } = await setup()
    repo.commit('feat(api): pages', {
      'dist/app linux.tar.gz': 'linux',
      'dist/app-darwin.tar.gz': 'darwin',
    })
    repo.push()
    const run = await release(repo, api, { artifacts: 'dist/*.tar.gz' })
    expectOk(run)
    const [made] = releases(api)
    expect(made).toMatchObject({
      draft: false,
      tag_name: 'v0.1.0',
      prerelease: false,
      make_latest: 'true',
    })
    expect(made?.target_commitish).toBe(run.outputs['commit-sha'])
    expect(made?.body).toContain('**api:** pages')
    // GitHub renames the space; SHA256SUMS goes last, naming both.
    expect(made?.assets.map((a) => a.name)).toEqual([
      'app.linux.tar.gz',
      'app-darwin.tar.gz',
      'SHA256SUMS',
    ])
    expect(made?.assets[2]?.data.toString()).toMatch(
      /^[0-9a-f]{64} {2}app-darwin\.tar\.gz\n[0-9a-f]{64} {2}app\.linux\.tar\.gz\n$/,
    )
    expect(run.outputs['release-id']).toBe(String(made?.id))
    expect(run.outputs['release-url']).toContain('/releases/tag/v0.1.0')
    // The add-mask command is how the runner learns to hide it.
    const shown = run.log.replace(/^::add-mask::.*$/gm, '')
    expect(shown).not.toContain(TOKEN)
  })

  it('finishes a release whose asset upload failed, replacing what was there', async () => {
    const { repo, api } = await setup()
    const start = repo.commit('feat: x', {
      'dist/a.tgz': 'a',
      'dist/b.tgz': 'b',
    })
    repo.push()
    api.faults.inject({ method: 'POST', path: /\/assets$/ }, { status: 500 })
    const first = await release(repo, api, { artifacts: 'dist/*.tgz' })
    expect(first.failed).toBe(true)
    expect(first.log).toMatch(/::error::uploading a\.tgz to v0\.1\.0 failed/)
    // Nobody sees a release without its assets: it waits as a draft.
    expect(releases(api)[0]?.draft).toBe(true)
    // What was done before the failure is still reported.
    expect(first.outputs).toMatchObject({ released: 'true', tag: 'v0.1.0' })
    expect(first.summary).toMatch(/^## Release: failed\n\n> uploading a\.tgz/)
    expect(first.summary).toMatch(/\| tag pushed on \| `[0-9a-f]{40}` \|/)
    expect(first.summary).toContain(
      '(a draft: its assets are not all attached)',
    )
    repo.git('reset', '--quiet', '--hard', start)
    repo.git('tag', '-d', 'v0.1.0')
    const second = await release(repo, api, { artifacts: 'dist/*.tgz' })
    expectOk(second)
    expect(second.outputs).toMatchObject({
      released: 'true',
      version: '0.1.0',
      bump: 'minor',
    })
    expect(second.outputs.notes).toContain('* x (')
    expect(releases(api)).toHaveLength(1)
    expect(
      releases(api)[0]
        ?.assets.map((a) => a.name)
        .sort(),
    ).toEqual(['SHA256SUMS', 'a.tgz', 'b.tgz'])
    const third = await release(repo, api, { artifacts: 'dist/*.tgz' })
    expectOk(third)
    expect(third.outputs.released).toBe('false')
  })

  it('replaces a same-named asset rather than duplicating it', async () => {
    const { repo, api } = await setup()
    repo.commit('feat: x', { 'dist/a.tgz': 'new bytes' })
    repo.push()
    repo.tag('v0.1.0')
    repo.push()
    const seeded = api.state
      .repo('org/svc')
      .seedRelease({ tag_name: 'v0.1.0', draft: true })
    const run = await release(repo, api, {
      artifacts: 'dist/*.tgz',
      'commit-message': 'feat: ${version}',
    })
    expectOk(run)
    expect(run.outputs.released).toBe('false')
    expect(seeded.assets).toHaveLength(0)
  })

  it('refuses to replace the assets of an immutable release, plainly', async () => {
    const { repo, api } = await setup()
    const start = repo.commit('feat: x', { 'dist/a.tgz': 'a' })
    repo.push()
    api.faults.inject({ method: 'POST', path: /\/releases$/ }, { status: 502 })
    const first = await release(repo, api, { artifacts: 'dist/*.tgz' })
    expect(first.failed).toBe(true)
    expect(first.log).toMatch(/creating the GitHub release for v0\.1\.0 failed/)
    const seeded = api.state
      .repo('org/svc')
      .seedRelease({ tag_name: 'v0.1.0', immutable: true })
    seeded.assets.push({
      id: 99,
      name: 'a.tgz',
      label: null,
      content_type: 'x',
      data: Buffer.from('old'),
      download_count: 0,
      created_at: '',
    })
    repo.git('reset', '--quiet', '--hard', start)
    repo.git('tag', '-d', 'v0.1.0')
    const second = await release(repo, api, { artifacts: 'dist/*.tgz' })
    expect(second.failed).toBe(true)
    expect(second.log).toMatch(
      /::error::release v0\.1\.0 is published and immutable but lacks its assets; cut a new version/,
    )
  })

  it('never attaches a later build to the previous release', async () => {
    const { repo, api } = await setup()
    repo.commit('fix: x', { 'dist/a.tgz': 'build of 1.4.2' })
    repo.commit('chore(release): 1.4.2')
    repo.tag('v1.4.2', { message: 'chore(release): 1.4.2' })
    repo.commit('feat: y', { 'dist/a.tgz': 'build of 1.5.0' })
    repo.push()
    const old = api.state.repo('org/svc').seedRelease({ tag_name: 'v1.4.2' })
    const run = await release(repo, api, { artifacts: 'dist/*.tgz' })
    expectOk(run)
    expect(run.outputs.version).toBe('1.5.0')
    expect(old.assets).toEqual([])
    const made = api.state.repo('org/svc').releaseByTag('v1.5.0')
    expect(made?.assets.map((a) => a.data.toString())[0]).toBe('build of 1.5.0')
  })

  it('leaves a draft waiting for its assets when a newer commit runs', async () => {
    const { repo, api } = await setup()
    const start = repo.commit('feat: x', { 'dist/a.tgz': 'build of 0.1.0' })
    repo.push()
    api.faults.inject({ method: 'POST', path: /\/assets$/ }, { status: 500 })
    expect((await release(repo, api, { artifacts: 'dist/*.tgz' })).failed).toBe(
      true,
    )
    repo.git('reset', '--quiet', '--hard', start)
    repo.git('tag', '-d', 'v0.1.0')
    repo.git('pull', '--quiet', 'origin', 'main')
    repo.commit('docs: later', { 'dist/a.tgz': 'a later build' })
    repo.push()
    const run = await release(repo, api, { artifacts: 'dist/*.tgz' })
    expectOk(run)
    expect(run.log).toMatch(
      /::warning title=Release left as a draft::v0\.1\.0 is a draft waiting for its assets/,
    )
    const draft = api.state.repo('org/svc').releaseByTag('v0.1.0')
    expect(draft?.draft).toBe(true)
    expect(draft?.assets).toEqual([])
    // As the warning says: a re-run of the first job finishes it, from the
    // release commit that job made, even though main has moved on.
    repo.git('reset', '--quiet', '--hard', start)
    const rerun = await release(repo, api, { artifacts: 'dist/*.tgz' })
    expectOk(rerun)
    expect(rerun.outputs).toMatchObject({ released: 'true', tag: 'v0.1.0' })
    const done = api.state.repo('org/svc').releaseByTag('v0.1.0')
    expect(done?.draft).toBe(false)
    expect(done?.assets.map((a) => [a.name, a.data.toString()])[0]).toEqual([
      'a.tgz',
      'build of 0.1.0',
    ])
  })

  it('finishes its draft from its own release commit after others pushed', async () => {
    const { repo, api } = await setup()
    const pkg = '{\n  "name": "svc",\n  "version": "0.0.0"\n}\n'
    const start = repo.commit('feat: x', {
      'package.json': pkg,
      'dist/a.tgz': 'build of 0.1.0',
    })
    repo.push()
    api.faults.inject({ method: 'POST', path: /\/assets$/ }, { status: 500 })
    expect((await release(repo, api, { artifacts: 'dist/*.tgz' })).failed).toBe(
      true,
    )
    const other = repo.cloneOrigin()
    other.commit('docs: later', { 'dist/a.tgz': 'a later build' })
    other.push()
    repo.git('reset', '--quiet', '--hard', start)
    repo.git('tag', '-d', 'v0.1.0')
    const rerun = await release(repo, api, { artifacts: 'dist/*.tgz' })
    expectOk(rerun)
    expect(rerun.log).toMatch(
      /holds the release commit .* an earlier run made from this commit; continuing from it/,
    )
    const done = api.state.repo('org/svc').releaseByTag('v0.1.0')
    expect(done?.draft).toBe(false)
    expect(done?.assets[0]?.data.toString()).toBe('build of 0.1.0')
    expect(api.state.repo('org/svc').releases.size).toBe(1)
  })

  it('finds its announcement after the labels change', async () => {
    const { repo, api } = await setup()
    repo.commit('fix: x')
    repo.push()
    await release(repo, api, { announce: 'true', 'announce-labels': 'release' })
    await release(repo, api, {
      announce: 'true',
      'announce-labels': 'release, team:platform',
    })
    expect(api.state.repo('org/svc').issues.size).toBe(1)
  })

  it('opens one announcement, however often it runs', async () => {
    const { repo, api } = await setup()
    repo.commit('feat!: big')
    repo.push()
    await release(repo, api, {
      announce: 'true',
      'announce-labels': 'release, news',
    })
    const issues = [...api.state.repo('org/svc').issues.values()]
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ title: 'Released v0.1.0' })
    expect(issues[0]?.labels).toEqual(['release', 'news'])
  })

  it('moves floating tags through the API, and a re-run moves nothing', async () => {
    const { repo, api } = await setup()
    const old = repo.commit('feat: one')
    repo.tag('v1.0.0', { annotated: true })
    repo.commit('fix: two')
    repo.push()
    api.state.repo('org/svc').seedRef('refs/tags/v1', old)
    const run = await release(repo, api, { 'floating-tags': 'true' })
    expectOk(run)
    const sha = run.outputs['commit-sha'] ?? ''
    expect(run.outputs['floating-tags']).toBe('["v1","v1.0"]')
    expect(api.state.repo('org/svc').refs.get('refs/tags/v1')).toBe(sha)
    expect(api.state.repo('org/svc').refs.get('refs/tags/v1.0')).toBe(sha)
    const writes = api.requests.filter(
      (r) => r.path.includes('/git/refs') && r.method !== 'GET',
    )
    expect(writes.map((r) => r.method)).toEqual(['PATCH', 'POST'])
    const before = api.requests.length
    const again = await release(repo, api, { 'floating-tags': 'true' })
    expectOk(again)
    expect(
      api.requests
        .slice(before)
        .filter((r) => r.path.includes('/git/refs') && r.method !== 'GET'),
    ).toEqual([])
  })

  it('marks a pre-release as such and never as the latest', async () => {
    const { repo, api } = await setup()
    repo.commit('feat: one')
    repo.tag('v1.0.0')
    repo.branch('next')
    repo.checkout('next')
    repo.commit('feat: preview')
    repo.push()
    const run = await release(
      repo,
      api,
      { 'prerelease-branches': 'next', 'floating-tags': 'true' },
      'next',
    )
    expectOk(run)
    expect(releases(api)[0]).toMatchObject({
      tag_name: 'v1.1.0-next.1',
      prerelease: true,
      make_latest: 'false',
    })
    expect(run.outputs['floating-tags']).toBe('[]')
  })

  it('waits out a secondary rate limit and goes on', async () => {
    const { repo, api } = await setup()
    repo.commit('fix: x')
    repo.push()
    api.faults.inject(
      { method: 'POST', path: /\/releases$/ },
      { secondaryRateLimit: { retryAfter: 1 } },
    )
    const run = await release(repo, api, { 'api-retries': '2' })
    expectOk(run)
    expect(run.log).toMatch(
      /::warning title=GitHub API rate limit::POST .* hit the secondary rate limit; retrying in 1 s/,
    )
    expect(releases(api)).toHaveLength(1)
  })

  it('treats a 422 already_exists on create as a race another run won', async () => {
    const { repo, api } = await setup()
    repo.commit('fix: x')
    repo.push()
    api.faults.inject({ method: 'GET', path: /\/releases$/ }, { status: 200 })
    api.faults.inject(
      { method: 'POST', path: /\/releases$/ },
      { status: 422, alreadyExists: true },
    )
    api.state.repo('org/svc').seedRelease({ tag_name: 'v0.1.0', draft: true })
    const run = await release(repo, api)
    expect(run.failed).toBe(false)
    expect(releases(api)).toHaveLength(1)
  })

  it('needs a token when it publishes', async () => {
    const { repo, api } = await setup()
    repo.commit('fix: x')
    repo.push()
    const run = await release(repo, api, { token: '' })
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(/input 'token': got ""; expected a token/)
  })
})
