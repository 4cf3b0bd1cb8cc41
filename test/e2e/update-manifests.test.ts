import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import {
  MCP_SERVERS,
  platformRepo,
  serverTarget,
} from '../../actions/update-manifests/test/platform.js'
import { racer } from '../../actions/update-manifests/test/racer.js'
import type { BundleRun } from '../../actions/update-manifests/test/run-bundle.js'
import {
  expectSuccess,
  requireBundle,
  runBundle,
} from '../../actions/update-manifests/test/run-bundle.js'
import type { GitRepo } from '../support/git-repo.js'

// `node dist/update-manifests/index.js` as the runner starts it, on a clone
// of a temp origin holding examples/platform: a staging release pushed,
// the same run again (C72 b), a push that lost a race (C72 a), a dry run
// and a refused input.

const TOKEN = 'ghs_e2eManifestsToken1234567890'
const repos: GitRepo[] = []
beforeAll(requireBundle)
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

function setup(): GitRepo {
  const repo = platformRepo()
  repos.push(repo)
  return repo
}

/** A staging release: every image of the platform, one tag each. */
const STAGING_RELEASE = {
  images: [
    'ghcr.io/example-org/cortex-dashboard:2.2.0',
    'ghcr.io/example-org/cortex-mcp-orch:1.0.0',
    ...MCP_SERVERS.map((name) => `ghcr.io/example-org/${name}:1.5.0`),
  ].join('\n'),
  files: 'apps/*/overlays/staging/**\napps/mcp-orch/staging/**',
  targets: MCP_SERVERS.map((name) => serverTarget('staging', name)).join('\n'),
  'commit-message': 'chore(deploy): staging release 2026.1',
  token: TOKEN,
}

function originLog(repo: GitRepo): string[] {
  return repo
    .run(['log', '--format=%s', 'main'], { cwd: repo.originDir })
    .split('\n')
}

function shows(run: BundleRun, text: string): boolean {
  return [run.stdout, run.stderr, run.outputText, run.summary]
    .join('\n')
    .split('\n')
    .some((line) => !line.startsWith('::add-mask::') && line.includes(text))
}

describe('the update-manifests bundle', () => {
  it('pushes a staging release as one commit, then changes nothing on the same run', async () => {
    const repo = setup()
    const start = repo.head()
    const run = await runBundle(repo, STAGING_RELEASE)
    expectSuccess(run)
    const sha = repo.originRefs()['refs/heads/main']?.sha
    expect(run.outputs).toMatchObject({
      changed: 'true',
      files: JSON.stringify([
        'apps/dashboard/overlays/staging/kustomization.yaml',
        'apps/mcp-orch/staging/mcp-orch.yaml',
        'argocd/staging/mcp-servers.yaml',
      ]),
      'commit-sha': sha,
      branch: 'main',
    })
    expect(JSON.parse(run.outputs.changes ?? '[]')).toHaveLength(8)
    expect(originLog(repo)).toEqual([
      'chore(deploy): staging release 2026.1',
      'chore: the platform, from examples/platform',
    ])
    const diff = repo.run(['diff', '--numstat', start, sha ?? ''], {
      cwd: repo.originDir,
    })
    expect(diff.split('\n')).toEqual([
      '1\t1\tapps/dashboard/overlays/staging/kustomization.yaml',
      '2\t2\tapps/mcp-orch/staging/mcp-orch.yaml',
      '5\t5\targocd/staging/mcp-servers.yaml',
    ])
    expect(shows(run, TOKEN)).toBe(false)

    const refs = repo.originRefs()
    const again = await runBundle(repo, STAGING_RELEASE)
    expectSuccess(again)
    expect(again.outputs).toMatchObject({
      changed: 'false',
      files: '[]',
      'commit-sha': '',
    })
    expect(again.summary).toContain('Already up to date')
    expect(repo.originRefs()).toEqual(refs)
  })

  it('re-applies the release on the commit that won a race, then pushes (C72 a)', async () => {
    const repo = setup()
    racer(repo, false)
    const run = await runBundle(repo, STAGING_RELEASE)
    expectSuccess(run)
    expect(originLog(repo)).toEqual([
      'chore(deploy): staging release 2026.1',
      'chore: the other pusher',
      'chore: the platform, from examples/platform',
    ])
    expect(run.stdout).toContain(
      '::warning::push rejected: main moved on the remote; fetching and re-applying the edit (attempt 2 of 4)',
    )
    expect(run.summary).toContain(
      '(after 1 rejected push, re-applied on the new tip)',
    )
  })

  it('prints the diff of a dry run and leaves the clone and origin as they were', async () => {
    const repo = setup()
    const refs = repo.originRefs()
    const run = await runBundle(repo, { ...STAGING_RELEASE, 'dry-run': 'true' })
    expectSuccess(run)
    expect(run.stdout).toContain(
      "-            imageTag: '1.4.0'\n+            imageTag: '1.5.0'",
    )
    expect(run.outputs).toMatchObject({ changed: 'true', 'dry-run': 'true' })
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(repo.originRefs()).toEqual(refs)
  })

  it('exits 1 with a configuration error naming the input, touching nothing', async () => {
    const repo = setup()
    const refs = repo.originRefs()
    const run = await runBundle(repo, { ...STAGING_RELEASE, mode: 'force' })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::Configuration error: input \'mode\': got "force"; expected one of push, pull-request, write',
    )
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(repo.originRefs()).toEqual(refs)
    expect(shows(run, TOKEN)).toBe(false)
  })
})
