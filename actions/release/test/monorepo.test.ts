import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { expectOk, runRelease } from './run-in-process.js'

// Two packages in one repository, each released on its own tag line from
// its own folder, as an MCP server monorepo would.

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

const manifest = (name: string, version: string): string =>
  `{\n  "name": "${name}",\n  "version": "${version}"\n}\n`

function monorepo(): GitRepo {
  const repo = createRepo()
  repos.push(repo)
  repo.commit('chore: init', {
    'packages/api/package.json': manifest('api', '1.0.0'),
    'packages/web/package.json': manifest('web', '1.0.0'),
  })
  repo.tag('api/v1.0.0', { annotated: true })
  repo.tag('web/v1.0.0', { annotated: true })
  repo.commit('feat(web)!: new layout', { 'packages/web/index.js': '1' })
  repo.commit('fix(api): nulls', { 'packages/api/index.js': '1' })
  repo.commit('docs: root readme', { 'README.md': 'x' })
  repo.push()
  return repo
}

function release(
  repo: GitRepo,
  pkg: string,
  inputs: Record<string, string> = {},
) {
  return runRelease(
    {
      'github-release': 'false',
      'working-directory': `packages/${pkg}`,
      'tag-format': `${pkg}/v\${version}`,
      paths: '.',
      ...inputs,
    },
    {
      GITHUB_WORKSPACE: repo.workDir,
      GITHUB_REF_NAME: 'main',
      GITHUB_REPOSITORY: 'org/mono',
    },
  )
}

describe('the release stage in a monorepo', () => {
  it('counts only the commits that touch the package', async () => {
    const repo = monorepo()
    const api = await release(repo, 'api')
    expectOk(api)
    expect(api.outputs).toMatchObject({
      version: '1.0.1',
      tag: 'api/v1.0.1',
      bump: 'patch',
    })
    expect(api.outputs.notes).toContain('nulls')
    expect(api.outputs.notes).not.toContain('layout')
    repo.git('pull', '--quiet', 'origin', 'main')
    expect(repo.readFile('packages/api/package.json')).toBe(
      manifest('api', '1.0.1'),
    )
    expect(repo.readFile('packages/api/CHANGELOG.md')).toContain('## [1.0.1]')
    expect(repo.readFile('packages/web/package.json')).toBe(
      manifest('web', '1.0.0'),
    )
    expect(api.summary).toContain('+++ b/packages/api/package.json')
  })

  it('never takes another package’s release commit for its own', async () => {
    const repo = monorepo()
    expectOk(await release(repo, 'api'))
    repo.git('pull', '--quiet', 'origin', 'main')
    // web's manifest already names 1.0.1, as a hand edit might.
    repo.commit('chore: sync', {
      'packages/web/package.json': manifest('web', '1.0.1'),
    })
    repo.push()
    const web = await release(repo, 'web')
    expectOk(web)
    expect(web.outputs).toMatchObject({ version: '2.0.0', tag: 'web/v2.0.0' })
    expect(web.summary).not.toContain('completed')
    const refs = repo.originRefs()
    expect(refs['refs/tags/web/v2.0.0']?.commit).toBe(
      refs['refs/heads/main']?.sha,
    )
    expect(refs['refs/tags/web/v1.0.1']).toBeUndefined()
  })

  it('refuses a working directory that does not exist, naming it', async () => {
    const repo = monorepo()
    const run = await release(repo, 'nope')
    expect(run.failed).toBe(true)
    expect(run.log).toContain(
      `input 'working-directory': got "packages/nope"; expected a folder that exists (looked for ${join(repo.workDir, 'packages/nope')})`,
    )
  })
})
