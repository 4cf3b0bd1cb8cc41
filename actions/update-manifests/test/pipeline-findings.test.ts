import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { TreeWriteError, writeTreeFiles } from '../src/tree-files.js'
import { platformRepo } from './platform.js'
import { expectOk, runUpdateManifests } from './run-in-process.js'

// A second fresh user's findings, as a pipeline meets them: build-images
// that built nothing, exclusions in `files`, files an earlier step left
// behind, files the step cannot write, a pull request branch that is the
// base, an empty version, `${{ github.ref }}` as the branch.

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

function setup(): GitRepo {
  const repo = platformRepo()
  repos.push(repo)
  return repo
}

const DASHBOARD = 'ghcr.io/example-org/cortex-dashboard:2.1.1'
const STAGING = 'apps/dashboard/overlays/staging/kustomization.yaml'
const PRODUCTION = 'apps/dashboard/overlays/production/kustomization.yaml'

function stage(repo: GitRepo, inputs: Record<string, string>) {
  return runUpdateManifests(inputs, { GITHUB_WORKSPACE: repo.workDir })
}

describe('update-manifests in a pipeline', () => {
  it('does nothing, successfully, when build-images built nothing', async () => {
    const repo = setup()
    const run = await stage(repo, { images: '[]', files: 'apps/**' })
    expectOk(run)
    expect(run.log).toMatch(/::notice::images is an empty list/)
    expect(run.outputs['changed']).toBe('false')
    expect(repo.originRefs()['refs/heads/main']?.sha).toBe(repo.head())
  })

  it('leaves out what a !glob line excludes', async () => {
    const repo = setup()
    const run = await stage(repo, {
      images: DASHBOARD,
      files: 'apps/dashboard/**\n!apps/**/production/**\n!apps/**/base/**',
      mode: 'write',
    })
    expectOk(run)
    expect(JSON.parse(run.outputs['files'] ?? '')).toEqual([STAGING])
  })

  it('refuses files made only of exclusions', async () => {
    const repo = setup()
    const run = await stage(repo, { images: DASHBOARD, files: '!apps/**' })
    expect(run.log).toMatch(
      /::error::Configuration error: input 'files'.*at least one glob that includes/,
    )
  })

  it('never commits a file git does not track', async () => {
    const repo = setup()
    writeFileSync(join(repo.workDir, '.gitignore'), 'tmp/\n')
    repo.git('add', '.gitignore')
    repo.commit('ignore tmp')
    repo.push()
    const stray = 'image: ghcr.io/example-org/cortex-dashboard:2.0.0\n'
    writeFileSync(join(repo.workDir, 'rendered.yaml'), stray)
    repo.writeFile('tmp/rendered.yaml', stray)
    const run = await stage(repo, {
      images: DASHBOARD,
      files: `${STAGING}\n*.yaml\ntmp/*.yaml`,
    })
    expectOk(run)
    expect(JSON.parse(run.outputs['files'] ?? '')).toEqual([STAGING])
    expect(run.summary).toMatch(/rendered\.yaml`: not tracked by git/)
    expect(readFileSync(join(repo.workDir, 'rendered.yaml'), 'utf8')).toBe(
      stray,
    )
    const pushed = repo.run(['show', '--stat', '--format=', 'main'], {
      cwd: repo.originDir,
    })
    expect(pushed).toContain(STAGING)
    expect(pushed).not.toContain('rendered')
  })

  it.each([
    [
      'an empty value',
      "- file: x.yaml\n  path: a\n  value: ''",
      /`value` that is not empty/,
    ],
    [
      'an empty value after trimming',
      '- file: x.yaml\n  path: a\n  value: "  "',
      /not empty/,
    ],
  ])('refuses %s in targets, naming the entry', async (_, targets, message) => {
    const repo = setup()
    const run = await stage(repo, { targets, mode: 'write' })
    expect(run.log).toMatch(
      /::error::Configuration error: input 'targets'.*entry 1/,
    )
    expect(run.log).toMatch(message)
  })

  it('refuses a pull request branch that is the base, before pushing', async () => {
    const repo = setup()
    const run = await runUpdateManifests(
      {
        mode: 'pull-request',
        token: 'ghs_x',
        repository: 'example-org/cortex-gitops',
        'pr-branch': 'main',
        images: DASHBOARD,
        files: PRODUCTION,
      },
      { GITHUB_WORKSPACE: repo.workDir, GITHUB_API_URL: 'http://127.0.0.1:9' },
    )
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(/pr-branch\) is the base branch main/)
    expect(repo.originRefs()['refs/heads/main']?.sha).toBe(repo.head())
  })

  it('takes refs/heads/main, as github.ref gives it, for main', async () => {
    const repo = setup()
    const run = await stage(repo, {
      images: DASHBOARD,
      files: STAGING,
      branch: 'refs/heads/main',
    })
    expectOk(run)
    expect(run.outputs['branch']).toBe('main')
  })
})

describe('writing the files', () => {
  it('writes none when one cannot be written', () => {
    const repo = setup()
    const edits = [
      { path: STAGING, after: 'changed\n' },
      { path: 'no/such/dir/file.yaml', after: 'x\n' },
    ]
    expect(() => writeTreeFiles(repo.workDir, edits)).toThrow(TreeWriteError)
    expect(repo.readFile(STAGING)).not.toBe('changed\n')
  })

  const asRoot = process.getuid?.() === 0
  ;(asRoot ? it.skip : it)(
    'names a read-only file and leaves the clone clean',
    async () => {
      const repo = setup()
      chmodSync(join(repo.workDir, PRODUCTION), 0o444)
      const run = await stage(repo, {
        images: DASHBOARD,
        files: 'apps/dashboard/overlays/**',
      })
      expect(run.failed).toBe(true)
      expect(run.log).toMatch(
        /cannot write .*production\/kustomization\.yaml \(permission denied\); nothing was written/,
      )
      expect(repo.git('status', '--porcelain')).toBe('')
    },
  )
})
