import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { runRelease } from './run-in-process.js'

// What the stage refuses or guards against before it writes anything, found
// by trying it as a new user would.

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const clean of cleanups.splice(0)) clean()
})

function newRepo(): GitRepo {
  const repo = createRepo()
  cleanups.push(() => repo.cleanup())
  return repo
}

const PACKAGE = '{\n  "name": "svc",\n  "version": "1.0.0"\n}\n'

function release(
  workDir: string,
  inputs: Record<string, string> = {},
  vars: Record<string, string> = {},
) {
  return runRelease(
    { 'github-release': 'false', ...inputs },
    {
      GITHUB_WORKSPACE: workDir,
      GITHUB_REF_NAME: 'main',
      GITHUB_REPOSITORY: 'org/svc',
      ...vars,
    },
  )
}

function tags(repo: GitRepo): string[] {
  return Object.keys(repo.originRefs()).filter((r) =>
    r.startsWith('refs/tags/'),
  )
}

describe('the release stage refuses before writing', () => {
  it('when the working directory is not a repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-not-git-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const run = await release(dir)
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(
      /::error::.* is not a git repository; set working-directory/,
    )
  })

  it('when the repository has no commits', async () => {
    const repo = newRepo()
    const run = await release(repo.workDir)
    expect(run.log).toMatch(/::error::the repository in .* has no commits yet/)
  })

  it('when a dry run sees a shallow clone', async () => {
    const repo = newRepo()
    repo.commit('feat: a')
    repo.tag('v1.0.0')
    repo.commit('feat: b')
    repo.commit('feat: c')
    repo.push()
    const shallow = join(repo.dir, 'shallow')
    repo.run(
      ['clone', '--quiet', '--depth', '1', `file://${repo.originDir}`, shallow],
      { cwd: repo.dir },
    )
    const run = await release(shallow, { 'dry-run': 'true' })
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(/::error::the clone is shallow.*fetch-depth: 0/)
  })

  it('when artifacts match nothing, before anything is pushed', async () => {
    const repo = newRepo()
    repo.commit('fix: x', { 'package.json': PACKAGE })
    repo.tag('v1.0.0')
    repo.commit('fix: y')
    repo.push()
    const dry = await release(repo.workDir, {
      'dry-run': 'true',
      'github-release': 'true',
      artifacts: 'dist/*.zip',
    })
    expect(dry.failed).toBe(true)
    expect(dry.log).toMatch(/input 'artifacts': got "dist\/\*\.zip"/)
    const real = await release(
      repo.workDir,
      { token: 't', 'github-release': 'true', artifacts: 'dist/*.zip' },
      { GITHUB_API_URL: 'http://127.0.0.1:9' },
    )
    expect(real.failed).toBe(true)
    expect(tags(repo)).toEqual(['refs/tags/v1.0.0'])
  })

  it('when a file the release changes has uncommitted edits', async () => {
    const repo = newRepo()
    repo.commit('fix: x', { 'package.json': PACKAGE })
    repo.tag('v1.0.0')
    repo.commit('fix: y')
    repo.push()
    repo.writeFile(
      'package.json',
      PACKAGE.replace('"svc"', '"svc", "dirty": true'),
    )
    const run = await release(repo.workDir)
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(
      /::error::package.json has uncommitted changes that the release commit would carry/,
    )
    expect(tags(repo)).toEqual(['refs/tags/v1.0.0'])
  })

  it.each([['../outside.md'], ['/etc/hostname'], ['docs/../../x.md']])(
    'when changelog-file %j leaves the repository',
    async (path) => {
      const repo = newRepo()
      repo.commit('fix: x')
      repo.push()
      const run = await release(repo.workDir, { 'changelog-file': path })
      expect(run.log).toMatch(
        /input 'changelog-file': got .*; expected a relative path inside the repository/,
      )
    },
  )
})

describe('the release stage refuses, too', () => {
  it('a pre-release that would sort below a stable release made since', async () => {
    const repo = newRepo()
    repo.commit('feat: a')
    repo.tag('v2.0.0')
    repo.branch('next')
    repo.commit('feat: on main')
    repo.tag('v2.1.0')
    repo.checkout('next')
    repo.commit('feat: preview')
    repo.tag('v2.1.0-next.2')
    repo.commit('fix: more')
    repo.push()
    const run = await release(
      repo.workDir,
      {
        'dry-run': 'true',
        'prerelease-branches': 'next',
        'changelog-file': 'none',
      },
      { GITHUB_REF_NAME: 'next' },
    )
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(
      /::error::v2\.1\.0 is already released, so 2\.1\.0-next\.3 would sort below it/,
    )
  })

  it('artifacts outside the repository', async () => {
    const repo = newRepo()
    repo.commit('fix: x')
    repo.push()
    const run = await release(repo.workDir, {
      'dry-run': 'true',
      'github-release': 'true',
      artifacts: '../secrets/*',
    })
    expect(run.log).toMatch(/input 'artifacts': got "\.\.\/secrets\/\*"/)
  })

  it('nothing when a glob holds a comma, read as one line', async () => {
    const repo = newRepo()
    repo.commit('fix: x', { 'dist/a.tgz': 'a', 'dist/b.tgz': 'b' })
    repo.tag('v1.0.0')
    repo.commit('fix: y')
    repo.push()
    const run = await release(repo.workDir, {
      'dry-run': 'true',
      'github-release': 'true',
      artifacts: 'dist/{a,b}.tgz',
      'changelog-file': 'none',
    })
    expect(run.summary).toContain(
      '| assets it would attach | `a.tgz`, `b.tgz`, `SHA256SUMS` |',
    )
  })
})

describe('the release stage', () => {
  it('leaves bump empty when Release-As names the version', async () => {
    const repo = newRepo()
    repo.commit('fix: x')
    repo.tag('v1.0.0')
    repo.commit('fix: y\n\nRelease-As: 3.0.0')
    repo.push()
    const run = await release(repo.workDir, {
      'dry-run': 'true',
      'changelog-file': 'none',
    })
    expect(run.outputs).toMatchObject({ version: '3.0.0', bump: '' })
  })

  it('commits as git-user-name even when GIT_AUTHOR_NAME is set', async () => {
    const repo = newRepo()
    repo.commit('fix: x', { 'package.json': PACKAGE })
    repo.push()
    await release(
      repo.workDir,
      { 'git-user-name': 'Release Bot', 'git-user-email': 'bot@x.invalid' },
      { GIT_AUTHOR_NAME: 'someone', GIT_COMMITTER_NAME: 'someone' },
    )
    repo.git('fetch', '--quiet', 'origin')
    expect(repo.git('log', '-1', '--format=%an|%cn|%s', 'origin/main')).toBe(
      'Release Bot|Release Bot|chore(release): 1.0.1',
    )
  })

  it('does not tag a hand-written release message whose package.json disagrees', async () => {
    const repo = newRepo()
    repo.commit('fix: x', { 'package.json': PACKAGE })
    repo.tag('v1.0.0', { annotated: true })
    repo.commit('chore(release): 1.0.1')
    repo.push()
    const run = await release(repo.workDir, { 'changelog-file': 'none' })
    expect(run.outputs.version).toBe('')
    expect(tags(repo)).toEqual(['refs/tags/v1.0.0'])
  })

  it('names the channel of a pre-release branch with a slash', async () => {
    const repo = newRepo()
    repo.commit('fix: x')
    repo.tag('v1.0.0')
    repo.commit('feat: y')
    repo.push()
    const run = await release(
      repo.workDir,
      {
        'dry-run': 'true',
        'prerelease-branches': 'release/next-gen',
        'changelog-file': 'none',
      },
      { GITHUB_REF_NAME: 'release/next-gen' },
    )
    expect(run.outputs.version).toBe('1.1.0-release-next-gen.1')
  })

  it('lists the assets and floating tags a dry run would handle', async () => {
    const repo = newRepo()
    repo.commit('fix: x', { 'dist/a.tgz': 'a' })
    repo.tag('v1.0.0')
    repo.commit('fix: y')
    repo.push()
    const run = await release(repo.workDir, {
      'dry-run': 'true',
      'github-release': 'true',
      artifacts: 'dist/*.tgz',
      'floating-tags': 'true',
      'changelog-file': 'none',
    })
    expect(run.summary).toContain(
      '| assets it would attach | `a.tgz`, `SHA256SUMS` |',
    )
    expect(run.summary).toContain(
      '| floating tags it would move | `v1`, `v1.0` |',
    )
  })
})
