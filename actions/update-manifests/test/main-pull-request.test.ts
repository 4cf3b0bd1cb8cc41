import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import type { GitHubApi } from '../../../test/support/github-api.js'
import { startGitHubApi } from '../../../test/support/github-api.js'
import { repositoryOf } from '../src/main.js'
import { platformRepo } from './platform.js'
import type { StageRun } from './run-in-process.js'
import { expectOk, runUpdateManifests } from './run-in-process.js'

// main.ts in pull-request mode, in this process, against the GitHub API
// stand-in: the outputs, and the token, which must never show in a log
// line, an output or the summary, whether the run succeeds or fails.

const TOKEN = 'ghs_mainStageToken0123456789'
const REPOSITORY = 'example-org/cortex-gitops'
const PRODUCTION = {
  mode: 'pull-request',
  token: TOKEN,
  repository: REPOSITORY,
  images: 'ghcr.io/example-org/cortex-dashboard:2.1.0',
  files: 'apps/dashboard/overlays/production/**',
  'pr-labels': 'deploy, production',
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const clean of cleanups.splice(0)) await clean()
})

async function setup(apiToken = TOKEN) {
  const repo = platformRepo()
  const api = await startGitHubApi({ token: apiToken })
  cleanups.push(
    () => repo.cleanup(),
    () => api.close(),
  )
  return { repo, api }
}

function stage(repo: GitRepo, api: GitHubApi, inputs: Record<string, string>) {
  return runUpdateManifests(inputs, {
    GITHUB_WORKSPACE: repo.workDir,
    GITHUB_API_URL: api.url,
  })
}

/** Forms of the token that show in what the run printed or wrote. */
function leaked(run: StageRun): string[] {
  const shown = [run.log, run.outputText, run.summary]
    .join('\n')
    .split('\n')
    // The runner consumes mask commands; they never reach the log.
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  return [
    TOKEN,
    Buffer.from(TOKEN).toString('base64'),
    Buffer.from(`x-access-token:${TOKEN}`).toString('base64'),
  ].filter((form) => shown.includes(form))
}

describe('the update-manifests stage in pull-request mode', () => {
  it('opens a pull request from its own branch and sets the outputs', async () => {
    const { repo, api } = await setup()
    const run = await stage(repo, api, PRODUCTION)
    expectOk(run)
    const branch = run.outputs.branch ?? ''
    expect(branch).toMatch(
      /^update-manifests\/cortex-dashboard-2\.1\.0-[0-9a-f]{8}$/,
    )
    expect(run.outputs).toMatchObject({
      changed: 'true',
      files: '["apps/dashboard/overlays/production/kustomization.yaml"]',
      'commit-sha': repo.originRefs()[`refs/heads/${branch}`]?.sha,
      'pr-url': `${api.serverUrl}/${REPOSITORY}/pull/1`,
      'pr-number': '1',
      'dry-run': 'false',
    })
    expect(run.summary).toContain(
      `Opened pull request [#1](${api.serverUrl}/${REPOSITORY}/pull/1) from \`${branch}\`, changing 1 file.`,
    )
    expect(run.log).toContain(`::add-mask::${TOKEN}`)
    expect(leaked(run)).toEqual([])
  })

  it('updates the same pull request on a second run with the same version', async () => {
    const { repo, api } = await setup()
    expectOk(await stage(repo, api, PRODUCTION))
    const fresh = repo.cloneOrigin()
    const again = await stage(fresh, api, PRODUCTION)
    expectOk(again)
    expect(again.outputs).toMatchObject({ 'pr-number': '1', 'commit-sha': '' })
    expect(again.summary).toContain('Updated pull request [#1]')
    const pulls = [...api.state.repo(REPOSITORY).issues.values()]
    expect(pulls).toHaveLength(1)
  })

  it('keeps the token out of everything when GitHub refuses it', async () => {
    const { repo, api } = await setup('ghs_someOtherToken')
    const run = await stage(repo, api, PRODUCTION)
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(/::error::.*Bad credentials/)
    expect(leaked(run)).toEqual([])
  })

  it('fails with GitHub’s words when the token may not open pull requests', async () => {
    const { repo, api } = await setup()
    api.faults.inject(
      { method: 'POST', path: '/pulls' },
      { status: 403, message: 'Resource not accessible by integration' },
    )
    const run = await stage(repo, api, PRODUCTION)
    expect(run.failed).toBe(true)
    expect(run.log).toContain('Resource not accessible by integration')
    expect(run.log).toMatch(
      /pushed branch update-manifests\/\S+, but the pull request could not be opened/,
    )
    expect(run.log).toMatch(/pull-requests: write/)
    expect(run.summary).toContain('**Failed:**')
    expect(leaked(run)).toEqual([])
  })

  it('asks for the repository when the remote URL does not say, before pushing', async () => {
    const { repo, api } = await setup()
    const refs = repo.originRefs()
    const run = await stage(repo, api, { ...PRODUCTION, repository: '' })
    expect(run.failed).toBe(true)
    expect(run.log).toContain(
      "::error::Configuration error: input 'repository': got \"\"; expected owner/name of the GitOps repository (the origin remote's URL does not say)",
    )
    expect(repo.originRefs()).toEqual(refs)
    expect(api.requests).toEqual([])
  })

  it('plans a dry run without a token and touches neither git nor GitHub', async () => {
    const { repo, api } = await setup()
    const refs = repo.originRefs()
    const run = await stage(repo, api, {
      ...PRODUCTION,
      token: '',
      'dry-run': 'true',
    })
    expectOk(run)
    expect(run.outputs).toMatchObject({ changed: 'true', 'pr-url': '' })
    expect(repo.originRefs()).toEqual(refs)
    expect(api.requests).toEqual([])
  })
})

describe('repositoryOf', () => {
  it.each([
    ['https://github.com/example-org/cortex-gitops.git', REPOSITORY],
    ['https://github.com/example-org/cortex-gitops', REPOSITORY],
    ['https://ghe.example/example-org/cortex-gitops/', REPOSITORY],
    ['git@github.com:example-org/cortex-gitops.git', REPOSITORY],
    ['ssh://git@github.com/example-org/cortex-gitops.git', REPOSITORY],
    ['/tmp/cortex-git-x/origin.git', undefined],
    ['', undefined],
  ])('reads %j as %j', (url, expected) => {
    expect(repositoryOf(url)).toBe(expected)
  })
})
