import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { startGitHubApi } from '../../../test/support/github-api.js'
import { platformRepo } from './platform.js'
import { expectOk, runUpdateManifests } from './run-in-process.js'

// What a fresh user found when trying to break the stage: writes that
// reach outside the repository, bytes damaged on lines no edit touched,
// a checkout left on a pull request's branch, messages that name no input.

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function setup(): { repo: GitRepo; outside: string } {
  const repo = platformRepo()
  const outside = mkdtempSync(join(tmpdir(), 'um-outside-'))
  writeFileSync(join(outside, 'o.yaml'), 'image: ghcr.io/o/app:1.0\n')
  cleanups.push(() => {
    repo.cleanup()
    rmSync(outside, { recursive: true, force: true })
  })
  return { repo, outside }
}

function stage(repo: GitRepo, inputs: Record<string, string>) {
  return runUpdateManifests(inputs, { GITHUB_WORKSPACE: repo.workDir })
}

describe('update-manifests stays inside the repository', () => {
  it('skips a linked file and a linked folder that lead outside', async () => {
    const { repo, outside } = setup()
    symlinkSync(join(outside, 'o.yaml'), join(repo.workDir, 'link.yaml'))
    symlinkSync(outside, join(repo.workDir, 'linked'))
    writeFileSync(join(repo.workDir, 'in.yaml'), 'image: ghcr.io/o/app:1.0\n')
    repo.git('add', '--all')
    repo.commit('links')
    repo.push()
    const run = await stage(repo, {
      images: 'ghcr.io/o/app:2.0',
      files: '**/*.yaml',
    })
    expectOk(run)
    expect(readFileSync(join(outside, 'o.yaml'), 'utf8')).toContain('app:1.0')
    expect(JSON.parse(run.outputs['files'] ?? '')).toEqual(['in.yaml'])
    expect(run.summary).toMatch(/link\.yaml`: a symbolic link/)
  })

  it('refuses a target that is a link, before writing anything', async () => {
    const { repo, outside } = setup()
    symlinkSync(join(outside, 'o.yaml'), join(repo.workDir, 'link.yaml'))
    const run = await stage(repo, {
      targets: '- file: link.yaml\n  path: image\n  value: x:2',
      mode: 'write',
    })
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(/link\.yaml: a symbolic link/)
    expect(readFileSync(join(outside, 'o.yaml'), 'utf8')).toContain('app:1.0')
  })

  it.each([
    ['files', { images: 'ghcr.io/o/app:2', files: '../o.yaml' }],
    ['files', { images: 'ghcr.io/o/app:2', files: '/tmp/o.yaml' }],
    ['targets', { targets: '- file: ../../o.yaml\n  path: a\n  value: b' }],
    ['targets', { targets: '- file: /etc/hosts\n  path: a\n  value: b' }],
  ])('refuses a path outside the repository in %s', async (input, inputs) => {
    const { repo } = setup()
    const run = await stage(repo, { ...inputs, mode: 'write' })
    expect(run.failed).toBe(true)
    expect(run.log).toContain(`::error::Configuration error: input '${input}'`)
    expect(run.log).toMatch(/inside the repository/)
  })

  it('leaves a file that is not UTF-8 alone, byte for byte', async () => {
    const { repo } = setup()
    const bytes = Buffer.concat([
      Buffer.from('x: caf'),
      Buffer.from([0xe9]),
      Buffer.from('\nimage: ghcr.io/o/app:1.0\n'),
    ])
    writeFileSync(join(repo.workDir, 'latin1.yaml'), bytes)
    writeFileSync(join(repo.workDir, 'ok.yaml'), 'image: ghcr.io/o/app:1.0\n')
    const run = await stage(repo, {
      images: 'ghcr.io/o/app:2.0',
      files: '*.yaml',
      mode: 'write',
    })
    expectOk(run)
    expect(readFileSync(join(repo.workDir, 'latin1.yaml'))).toEqual(bytes)
    expect(run.summary).toMatch(/latin1\.yaml`: not UTF-8 text/)
  })
})

describe('update-manifests leaves the checkout where it was', () => {
  it('pushes to main after a pull-request step in the same clone', async () => {
    const { repo } = setup()
    const api = await startGitHubApi({ token: 'ghs_t' })
    cleanups.push(() => void api.close())
    const vars = {
      GITHUB_WORKSPACE: repo.workDir,
      GITHUB_API_URL: api.url,
    }
    const first = await runUpdateManifests(
      {
        mode: 'pull-request',
        token: 'ghs_t',
        repository: 'org/gitops',
        images: 'ghcr.io/example-org/cortex-dashboard:2.1.1',
        files: 'apps/dashboard/overlays/production/**',
      },
      vars,
    )
    expectOk(first)
    expect(repo.git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main')
    const second = await runUpdateManifests(
      {
        images: 'ghcr.io/example-org/cortex-mcp-orch:0.9.4',
        files: 'apps/mcp-orch/staging/**',
      },
      vars,
    )
    expectOk(second)
    expect(second.outputs['branch']).toBe('main')
    const onMain = repo.run(
      ['show', 'main:apps/mcp-orch/staging/mcp-orch.yaml'],
      {
        cwd: repo.originDir,
      },
    )
    expect(onMain).toContain('cortex-mcp-orch:0.9.4')
  })
})

describe('update-manifests names what to fix', () => {
  it('says which remote cannot be read, and which input names it', async () => {
    const { repo } = setup()
    const run = await stage(repo, {
      images: 'ghcr.io/example-org/cortex-mcp-orch:0.9.4',
      files: 'apps/mcp-orch/staging/**',
      remote: 'nope',
    })
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(
      /::error::cannot read branch main from remote nope \(input remote\)/,
    )
  })

  it('names allow-alias-edits when an image is an alias', async () => {
    const { repo } = setup()
    mkdirSync(join(repo.workDir, 'x'))
    writeFileSync(
      join(repo.workDir, 'x', 'a.yaml'),
      'base: &img ghcr.io/o/app:1.0\nspec:\n  image: *img\n',
    )
    const run = await stage(repo, {
      images: 'ghcr.io/o/app:2.0',
      files: 'x/*.yaml',
      mode: 'write',
    })
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(/set allow-alias-edits: true/)
  })
})
