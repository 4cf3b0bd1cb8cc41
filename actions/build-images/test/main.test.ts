import { afterEach, describe, expect, it } from '@jest/globals'
import type { FakeTools } from '../../../test/support/fake-tools.js'
import { createFakeTools } from '../../../test/support/fake-tools.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { expectOk, runBuildImages } from './run-in-process.js'

// main.ts in this process with real INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, and the fake docker and cosign on PATH.

let repo: GitRepo
let fakes: FakeTools
afterEach(() => {
  repo?.cleanup()
  fakes?.cleanup()
})

function setUp(faults: Record<string, string> = {}): string {
  repo = createRepo()
  repo.commit('chore: init', { Dockerfile: 'FROM alpine:3.20\n' })
  repo.tag('v1.1.0')
  const head = repo.commit('feat: more')
  repo.tag('v1.2.0')
  fakes = createFakeTools(faults)
  return head
}

function vars(sha: string, ref = 'refs/tags/v1.2.0'): Record<string, string> {
  return {
    ...fakes.env,
    GITHUB_WORKSPACE: repo.workDir,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: ref,
    GITHUB_SHA: sha,
    GITHUB_REPOSITORY: 'org/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: 'octocat',
  }
}

describe('the build-images entry', () => {
  it('builds and pushes a release, setting every output and the summary', async () => {
    const sha = setUp()
    const run = await runBuildImages(
      { image: 'ghcr.io/org/app', 'registry-password': 'pw-in-process' },
      vars(sha),
    )
    expectOk(run)
    const images = JSON.parse(run.outputs.images ?? '[]') as {
      digest: string
    }[]
    const digest = images[0]?.digest ?? ''
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(run.outputs).toEqual({
      images: expect.any(String),
      tags: [
        'ghcr.io/org/app:1.2.0',
        'ghcr.io/org/app:1.2',
        'ghcr.io/org/app:1',
        'ghcr.io/org/app:latest',
      ].join('\n'),
      digest,
      version: '1.2.0',
      'short-sha': sha.slice(0, 7),
      'dry-run': 'false',
    })
    expect(run.summary).toContain('## Build images: pushed 1 image')
    expect(fakes.callsOf('docker', 'login')).toEqual([
      {
        tool: 'docker',
        args: ['login', 'ghcr.io', '--username', 'octocat', '--password-stdin'],
        stdin: 'pw-in-process',
      },
    ])
    expect(run.log).toContain('::add-mask::pw-in-process')
    expect(run.log.replace('::add-mask::pw-in-process', '')).not.toContain(
      'pw-in-process',
    )
  })

  it('reports what it knew when the push is refused, and fails', async () => {
    const sha = setUp({ FAKE_DOCKER_PUSH_DENIED: '1' })
    const run = await runBuildImages({ image: 'ghcr.io/org/app' }, vars(sha))
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(/::error::the registry refused the push/)
    expect(run.summary).toContain('## Build images: failed')
    expect(run.outputs['short-sha']).toBe(sha.slice(0, 7))
    expect(fakes.callsOf('docker', 'buildx', 'build')).toHaveLength(1)
  })

  it('fails on a bad input before running anything', async () => {
    const sha = setUp()
    const run = await runBuildImages(
      { image: 'ghcr.io/org/app', platforms: 'amd64' },
      vars(sha),
    )
    expect(run.failed).toBe(true)
    expect(run.log).toContain(
      `::error::Configuration error: input 'platforms': got "amd64"`,
    )
    expect(fakes.calls()).toEqual([])
    expect(run.outputs).toEqual({})
  })

  it('runs nothing in a dry run', async () => {
    const sha = setUp()
    const run = await runBuildImages(
      { image: 'ghcr.io/org/app', 'dry-run': 'true' },
      vars(sha, 'refs/heads/main'),
    )
    expectOk(run)
    expect(fakes.calls()).toEqual([])
    expect(run.outputs['dry-run']).toBe('true')
    expect(run.log).toMatch(/^docker buildx build --file Dockerfile /m)
  })
})
