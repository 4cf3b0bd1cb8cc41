import { writeFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { expectOk, runRelease } from './run-in-process.js'

// main.ts with a real runner environment (INPUT_* variables, GITHUB_OUTPUT
// and GITHUB_STEP_SUMMARY files) on real temp repositories, GitHub off.

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

function newRepo(): GitRepo {
  const repo = createRepo()
  repos.push(repo)
  return repo
}

const PACKAGE = '{\n  "name": "svc",\n  "version": "0.0.0"\n}\n'

function release(
  repo: GitRepo,
  inputs: Record<string, string> = {},
  branch = 'main',
) {
  return runRelease(
    { 'github-release': 'false', ...inputs },
    {
      GITHUB_WORKSPACE: repo.workDir,
      GITHUB_REF_NAME: branch,
      GITHUB_REPOSITORY: 'org/svc',
    },
  )
}

describe('the release stage', () => {
  it('makes the first release at the initial version (C13)', async () => {
    const repo = newRepo()
    repo.commit('chore: init', { 'package.json': PACKAGE })
    repo.commit('feat: first feature')
    repo.push()
    const run = await release(repo)
    expectOk(run)
    expect(run.outputs).toMatchObject({
      released: 'true',
      version: '0.1.0',
      tag: 'v0.1.0',
      bump: 'minor',
    })
    const refs = repo.originRefs()
    expect(refs['refs/tags/v0.1.0']?.commit).toBe(refs['refs/heads/main']?.sha)
    repo.git('pull', '--quiet', 'origin', 'main')
    expect(repo.git('log', '-1', '--format=%s')).toBe('chore(release): 0.1.0')
    expect(repo.readFile('package.json')).toBe(
      PACKAGE.replace('0.0.0', '0.1.0'),
    )
    expect(repo.readFile('CHANGELOG.md')).toMatch(
      /^# Changelog\n\n## \[?0\.1\.0/,
    )
    expect(JSON.parse(run.outputs['skipped-commits'] ?? '')).toEqual([
      expect.objectContaining({
        header: 'chore: init',
        reason: 'type `chore` does not release',
      }),
    ])
    expect(run.summary).toContain('released v0.1.0')
  })

  it('takes a higher package.json version as the base when no tag exists, and warns (C13)', async () => {
    const repo = newRepo()
    repo.commit('feat: x', {
      'package.json': PACKAGE.replace('0.0.0', '1.4.0'),
    })
    repo.push()
    const run = await release(repo)
    expect(run.outputs.version).toBe('1.5.0')
    expect(run.log).toMatch(/::warning.*package.json's version 1.4.0/)
  })

  it('writes nothing in a dry run, and shows the version, notes and diffs', async () => {
    const repo = newRepo()
    repo.commit('chore: init', { 'package.json': PACKAGE })
    repo.tag('v1.4.0', { annotated: true })
    repo.commit('fix(api): handle nulls')
    repo.push()
    const before = JSON.stringify(repo.originRefs())
    const run = await release(repo, {
      'dry-run': 'true',
      'github-release': 'true',
    })
    expectOk(run)
    expect(run.outputs).toMatchObject({
      released: 'false',
      version: '1.4.1',
      'previous-tag': 'v1.4.0',
    })
    expect(run.summary).toContain('would release v1.4.1')
    expect(run.summary).toContain('+  "version": "1.4.1"')
    expect(run.summary).toContain('**api:** handle nulls')
    expect(JSON.stringify(repo.originRefs())).toBe(before)
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(repo.git('tag')).toBe('v1.4.0')
  })

  it('matches the tag format whole (C14)', async () => {
    const repo = newRepo()
    repo.commit('chore: init')
    repo.tag('validator/v1.1.0')
    repo.commit('chore: more')
    repo.tag('schema-validator/v2.4.0')
    repo.commit('fix: x')
    repo.push()
    const run = await release(repo, {
      'tag-format': 'validator/v${version}',
      'changelog-file': 'none',
    })
    expect(run.outputs).toMatchObject({
      version: '1.1.1',
      tag: 'validator/v1.1.1',
      'previous-tag': 'validator/v1.1.0',
    })
  })

  it('skips foreign and non-semver tags without failing (C15)', async () => {
    const repo = newRepo()
    repo.commit('chore: init')
    repo.tag('v0.9.0')
    repo.commit('chore: a')
    repo.tag('v1.0.0-rc.1')
    for (const tag of [
      'nightly',
      'bar/v0.1.1',
      'foo/v0.1.0',
      'release-2021-09-01',
    ]) {
      repo.commit(`chore: ${tag}`)
      repo.tag(tag)
    }
    repo.commit('feat: y')
    repo.push()
    const run = await release(repo, { 'changelog-file': 'none' })
    expect(run.outputs.version).toBe('0.10.0')
  })

  it('bumps the minor for a break below 1.0.0 unless told otherwise (C12)', async () => {
    const repo = newRepo()
    repo.commit('chore: init')
    repo.tag('v0.10.0')
    repo.commit('feat!: rename env vars')
    repo.commit('feat: add flag')
    repo.push()
    const dry = { 'dry-run': 'true', 'changelog-file': 'none' }
    expect((await release(repo, dry)).outputs.version).toBe('0.11.0')
    expect(
      (await release(repo, { ...dry, 'pre-major': 'semver' })).outputs.version,
    ).toBe('1.0.0')
  })

  it('tags the untagged release commit by its SHA, not HEAD (C18)', async () => {
    const repo = newRepo()
    repo.commit('chore: init', {
      'package.json': PACKAGE.replace('0.0.0', '6.0.0'),
    })
    repo.tag('v6.0.0', { annotated: true })
    repo.commit('fix: x')
    const releaseCommit = repo.commit('chore(release): 6.0.1', {
      'package.json': PACKAGE.replace('0.0.0', '6.0.1'),
    })
    const testOnly = repo.commit('test: only tests')
    repo.push()
    const run = await release(repo)
    expectOk(run)
    expect(run.outputs).toMatchObject({
      version: '6.0.1',
      released: 'true',
      'commit-sha': releaseCommit,
    })
    expect(repo.originRefs()['refs/tags/v6.0.1']?.commit).toBe(releaseCommit)
    expect(repo.originRefs()['refs/heads/main']?.sha).toBe(testOnly)
  })

  it('does nothing on a second run', async () => {
    const repo = newRepo()
    repo.commit('feat: x', { 'package.json': PACKAGE })
    repo.push()
    await release(repo)
    const after = JSON.stringify(repo.originRefs())
    const second = await release(repo)
    expectOk(second)
    expect(second.outputs.released).toBe('false')
    expect(second.summary).toContain('nothing to release')
    expect(JSON.stringify(repo.originRefs())).toBe(after)
  })

  it('releases a pre-release line, then graduates it', async () => {
    const repo = newRepo()
    repo.commit('chore: init', {
      'package.json': PACKAGE.replace('0.0.0', '1.2.0'),
    })
    repo.tag('v1.2.0', { annotated: true })
    repo.push()
    repo.branch('next')
    repo.checkout('next')
    repo.commit('feat: preview')
    repo.push('next')
    const pre = { 'prerelease-branches': 'next' }
    expect((await release(repo, pre, 'next')).outputs.version).toBe(
      '1.3.0-next.1',
    )
    repo.git('pull', '--quiet', 'origin', 'next')
    repo.commit('fix: preview bug')
    repo.push('next')
    const second = await release(repo, pre, 'next')
    expect(second.outputs).toMatchObject({
      version: '1.3.0-next.2',
      'previous-tag': 'v1.3.0-next.1',
    })
    expect(second.outputs.notes).toContain('preview bug')
    expect(second.outputs.notes).not.toContain('* preview (')
    repo.git('pull', '--quiet', 'origin', 'next')
    repo.checkout('main')
    repo.merge('next', 'Merge branch next')
    repo.push('main')
    const stable = await release(repo)
    expect(stable.outputs).toMatchObject({
      version: '1.3.0',
      'previous-tag': 'v1.2.0',
    })
    expect(stable.outputs.notes).toContain('preview')
  })

  it('moves only its own floating tags for a back-port (C64)', async () => {
    const repo = newRepo()
    repo.commit('chore: init')
    const c1 = repo.head()
    repo.tag('v1.4.2', { annotated: true })
    repo.tag('v1', { sha: c1 })
    repo.tag('v1.4', { sha: c1 })
    repo.branch('1.4.x')
    repo.commit('feat!: two')
    repo.tag('v2.0.0', { annotated: true })
    repo.tag('v2')
    const c2 = repo.head()
    repo.push()
    repo.checkout('1.4.x')
    repo.commit('fix: back-port')
    repo.push('1.4.x')
    const run = await release(
      repo,
      { 'floating-tags': 'true', 'changelog-file': 'none' },
      '1.4.x',
    )
    expect(run.outputs).toMatchObject({
      version: '1.4.3',
      'floating-tags': '["v1","v1.4"]',
    })
    const refs = repo.originRefs()
    const c5 = refs['refs/tags/v1.4.3']?.commit
    expect(refs['refs/tags/v1']).toMatchObject({
      sha: c5,
      objectType: 'commit',
    })
    expect(refs['refs/tags/v1.4']).toMatchObject({
      sha: c5,
      objectType: 'commit',
    })
    expect(refs['refs/tags/v2']?.sha).toBe(c2)
  })

  it('refuses a feature on a maintenance branch', async () => {
    const repo = newRepo()
    repo.commit('chore: init')
    repo.tag('v1.4.2')
    repo.branch('1.4.x')
    repo.checkout('1.4.x')
    repo.commit('feat: new')
    repo.push()
    const run = await release(repo, { 'changelog-file': 'none' }, '1.4.x')
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(
      /::error::branch 1.4.x releases versions below 1.5.0/,
    )
  })

  it('stops without releasing when others pushed after this commit', async () => {
    const repo = newRepo()
    repo.commit('feat: x')
    repo.push()
    const other = repo.cloneOrigin()
    other.commit('feat: newer')
    other.push()
    const run = await release(repo, { 'changelog-file': 'none' })
    expectOk(run)
    expect(run.outputs.released).toBe('false')
    expect(run.summary).toMatch(/has moved on/)
    expect(
      Object.keys(repo.originRefs()).filter((r) => r.startsWith('refs/tags/')),
    ).toEqual([])
  })

  it('fails when the push is rejected, and the same clone completes it later', async () => {
    const repo = newRepo()
    repo.commit('feat: x', { 'package.json': PACKAGE })
    repo.push()
    const hook = join(repo.originDir, 'hooks', 'pre-receive')
    writeFileSync(hook, '#!/bin/sh\necho "protected branch" >&2\nexit 1\n', {
      mode: 0o755,
    })
    const before = JSON.stringify(repo.originRefs())
    const rejected = await release(repo)
    expect(rejected.failed).toBe(true)
    expect(rejected.log).toMatch(
      /::error::pushing v0\.1\.0 and the release commit to origin\/main failed, so nothing was released: .*protected branch/,
    )
    expect(JSON.stringify(repo.originRefs())).toBe(before)
    expect(repo.git('tag')).toBe('')
    rmSync(hook)
    const again = await release(repo)
    expectOk(again)
    expect(again.outputs).toMatchObject({ released: 'true', version: '0.1.0' })
    const refs = repo.originRefs()
    expect(refs['refs/tags/v0.1.0']?.commit).toBe(refs['refs/heads/main']?.sha)
    expect(repo.git('log', '--format=%s', 'origin/main')).toBe(
      'chore(release): 0.1.0\nfeat: x',
    )
  })

  it('reads the commits a merge brings in, from real git (C06)', async () => {
    const repo = newRepo()
    repo.commit('chore: init')
    repo.tag('v0.3.0')
    repo.branch('feat/prefs')
    repo.checkout('feat/prefs')
    repo.commit('feat: prefs cheat')
    repo.checkout('main')
    repo.merge('feat/prefs', 'Merge pull request #28 from org/feat/prefs')
    repo.push()
    const run = await release(repo, {
      'dry-run': 'true',
      'changelog-file': 'none',
    })
    expect(run.outputs.version).toBe('0.4.0')
    expect(run.outputs.notes).toContain(
      '* prefs cheat ([#28](https://github.com/org/svc/issues/28))',
    )
  })

  it('links each commit to the pull request that first merged it', async () => {
    const repo = newRepo()
    repo.commit('chore: init')
    repo.tag('v1.0.0')
    repo.branch('feat/b')
    repo.checkout('feat/b')
    repo.commit('feat: on b')
    repo.branch('feat/a')
    repo.checkout('feat/a')
    repo.commit('fix: on a')
    repo.checkout('feat/b')
    repo.merge('feat/a', 'Merge pull request #5 from org/feat/a')
    repo.checkout('main')
    repo.merge('feat/b', 'Merge pull request #9 from org/feat/b')
    repo.push()
    const run = await release(repo, {
      'dry-run': 'true',
      'changelog-file': 'none',
    })
    expect(run.outputs.notes).toMatch(/\* on a \(\[#5\]/)
    expect(run.outputs.notes).toMatch(/\* on b \(\[#9\]/)
  })

  it('takes the stable tag when a pre-release shares its commit', async () => {
    const repo = newRepo()
    repo.commit('feat: x')
    repo.tag('v1.3.0-next.2')
    repo.tag('v1.3.0')
    repo.tag('latest')
    repo.commit('fix: y')
    repo.push()
    const run = await release(repo, {
      'dry-run': 'true',
      'changelog-file': 'none',
    })
    expect(run.outputs).toMatchObject({
      version: '1.3.1',
      'previous-tag': 'v1.3.0',
    })
  })

  it('makes no empty commit when the files already hold the version (C68)', async () => {
    const repo = newRepo()
    repo.commit('chore: init', {
      'package.json': PACKAGE.replace('0.0.0', '1.4.0'),
    })
    repo.tag('v1.4.0')
    const head = repo.commit('feat: x', {
      'package.json': PACKAGE.replace('0.0.0', '1.5.0'),
    })
    repo.push()
    const run = await release(repo, { 'changelog-file': 'none' })
    expectOk(run)
    expect(run.outputs).toMatchObject({ version: '1.5.0', 'commit-sha': head })
    expect(repo.originRefs()['refs/heads/main']?.sha).toBe(head)
    expect(repo.originRefs()['refs/tags/v1.5.0']?.commit).toBe(head)
  })

  it('says when a branch does not release', async () => {
    const repo = newRepo()
    repo.commit('feat: x')
    repo.push()
    const run = await release(repo, {}, 'feature/x')
    expect(run.outputs.released).toBe('false')
    expect(run.summary).toContain('branch feature/x is not a release branch')
  })

  it.each([
    [
      'tag-format',
      'v',
      /input 'tag-format': got "v"; expected a tag format holding \$\{version\} once/,
    ],
    [
      'initial-version',
      'one',
      /input 'initial-version': got "one"; expected a semver version/,
    ],
    [
      'pre-major',
      'major',
      /input 'pre-major': got "major"; expected one of minor, semver/,
    ],
    [
      'dry-run',
      'maybe',
      /input 'dry-run': got "maybe"; expected `true` or `false`/,
    ],
    ['version-files', 'package.json:', /input 'version-files'/],
  ])(
    'fails on a bad %s with a clear message and changes nothing',
    async (input, value, message) => {
      const repo = newRepo()
      repo.commit('feat: x', { 'package.json': PACKAGE })
      repo.push()
      const before = JSON.stringify(repo.originRefs())
      const run = await release(repo, { [input]: value })
      expect(run.failed).toBe(true)
      expect(run.log).toMatch(message)
      expect(run.log).not.toMatch(/\n\s+at /)
      expect(JSON.stringify(repo.originRefs())).toBe(before)
      expect(repo.git('status', '--porcelain')).toBe('')
    },
  )
})
