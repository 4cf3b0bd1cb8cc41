import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readGitFacts } from '../src/git-facts.js'
import { imageTags } from '../src/image-tags.js'
import { otherReleases, releaseHistory } from '../src/release-history.js'
import type { CommandRunner } from '../../../lib/command/index.js'
import { runCommand } from '../../../lib/command/index.js'
import { Git } from '../../../lib/git/index.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'

// Real git: a bare origin holding v1.0.0 and v2.0.0 on main and a back-port
// v1.1.6 on release/1.x, and clones of it made the way actions/checkout
// makes them (`--depth 1` at the tag) or without the other tags.

let repo: GitRepo
let plain: string
beforeAll(() => {
  repo = createRepo()
  const first = repo.commit('feat: first')
  repo.tag('v1.0.0')
  repo.commit('feat!: second')
  repo.tag('v2.0.0', { annotated: true })
  repo.run(['checkout', '--quiet', '-b', 'release/1.x', first])
  repo.commit('fix: back-port')
  repo.tag('v1.1.6')
  repo.push()
  plain = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-history-'))
})
afterAll(() => {
  repo.cleanup()
  fs.rmSync(plain, { recursive: true, force: true })
})

/** A fresh clone of origin at v1.1.6, changed by `after` (git arguments). */
function clone(name: string, depth: boolean, ...after: string[][]): string {
  const dir = path.join(repo.dir, name)
  const shallow = depth ? ['--depth', '1'] : []
  repo.run(
    [
      'clone',
      '--quiet',
      ...shallow,
      '--branch',
      'v1.1.6',
      `file://${repo.originDir}`,
      dir,
    ],
    { cwd: repo.dir },
  )
  for (const args of after) repo.run(args, { cwd: dir })
  return dir
}

/** The tags a back-port of v1.1.6 gets in `dir`, with what was said. */
async function backPort(dir: string, run: CommandRunner = runCommand) {
  const facts = await readGitFacts(new Git(dir))
  const history = await releaseHistory('1.1.6', facts, { run, cwd: dir })
  const { tagNames } = imageTags({
    image: 'ghcr.io/org/app',
    event: 'push',
    ref: 'refs/tags/v1.1.6',
    sha: 'a'.repeat(40),
    existingVersions: history.tags,
    floating: history.floating,
  })
  return { facts, history, tagNames }
}

describe('releaseHistory of a back-port', () => {
  it('reads the release tags of a --depth 1 clone from the remote, so latest stays on 2.0.0', async () => {
    const dir = clone('shallow', true)
    const { facts, history, tagNames } = await backPort(dir)
    expect(facts).toMatchObject({ shallow: true, tags: ['v1.1.6'] })
    expect(history.tags).toEqual(
      expect.arrayContaining(['v1.0.0', 'v2.0.0', 'v1.1.6']),
    )
    expect(history.note).toBe(
      'the clone is shallow, so the release tags were read from origin (git ls-remote --tags): 2 other releases',
    )
    expect(history.warning).toBeUndefined()
    expect(tagNames).toEqual(['1.1.6', '1.1', '1'])
  })

  it('reads them from the remote when a full clone lacks the other tags', async () => {
    const dir = clone(
      'no-tags',
      false,
      ['tag', '--delete', 'v1.0.0'],
      ['tag', '--delete', 'v2.0.0'],
    )
    const { facts, history, tagNames } = await backPort(dir)
    expect(facts).toMatchObject({ shallow: false, tags: ['v1.1.6'] })
    expect(history.note).toContain('the clone holds no other release tag')
    expect(tagNames).toEqual(['1.1.6', '1.1', '1'])
  })

  it.each([
    [
      'a shallow clone without a remote',
      clone.bind(null, 'orphan', true, ['remote', 'remove', 'origin']),
      'the clone is shallow and there is no remote to read the release tags from',
    ],
    [
      'a shallow clone whose remote is gone',
      clone.bind(null, 'gone', true, [
        'remote',
        'set-url',
        'origin',
        'file:///nonexistent/cortex-origin.git',
      ]),
      "the clone is shallow and git ls-remote --tags origin failed (fatal: '/nonexistent/cortex-origin.git' does not appear to be a git repository)",
    ],
    [
      'a full clone without the tags whose remote is gone',
      clone.bind(
        null,
        'gone-full',
        false,
        ['tag', '--delete', 'v1.0.0'],
        ['tag', '--delete', 'v2.0.0'],
        ['remote', 'set-url', 'origin', 'file:///nonexistent/cortex.git'],
      ),
      'the clone holds no other release tag and git ls-remote --tags origin failed',
    ],
  ])('moves no floating tag in %s, and says why', async (_, make, why) => {
    const { history, tagNames } = await backPort(make())
    expect(tagNames).toEqual(['1.1.6'])
    expect(history.floating).toBe(false)
    expect(history.warning).toContain(why)
    expect(history.warning).toContain(
      '`latest` and the floating tags stay where they are and the image is tagged 1.1.6 only; check out with `fetch-depth: 0`',
    )
  })

  it('asks the remote nothing when the clone holds the other releases', async () => {
    const dir = clone('full', false)
    const refuse: CommandRunner = () =>
      Promise.reject(new Error('must not read the remote'))
    const { history, tagNames } = await backPort(dir, refuse)
    expect(history.note).toBeUndefined()
    expect(tagNames).toEqual(['1.1.6', '1.1', '1'])
  })
})

describe('releaseHistory when the remote fails', () => {
  it('leaves the credentials of a remote URL out of its warning', async () => {
    const run: CommandRunner = () =>
      Promise.resolve({
        exitCode: 128,
        stdout: '',
        stderr:
          "fatal: unable to access 'https://bot:s3cret@git.example.invalid/r.git/': Could not resolve host\n",
      })
    const facts = {
      tags: ['v1.2.3'],
      shallow: true,
      repository: true,
      remotes: ['upstream'],
    }
    const history = await releaseHistory('1.2.3', facts, { run, cwd: plain })
    expect(history.warning).toContain(
      "git ls-remote --tags upstream failed (fatal: unable to access 'https://***@git.example.invalid/r.git/': Could not resolve host)",
    )
    expect(history.warning).not.toContain('s3cret')
  })
})

describe('releaseHistory of a first release', () => {
  it('moves every tag in a repository without a remote that holds no other release', async () => {
    const dir = path.join(plain, 'first')
    fs.mkdirSync(dir)
    const git = (...args: string[]) =>
      repo.run(args, { cwd: dir, date: 1_700_000_000 })
    git('init', '--quiet', '-b', 'main')
    git('commit', '--quiet', '--allow-empty', '-m', 'feat: first')
    git('tag', 'v1.0.0')
    const facts = await readGitFacts(new Git(dir))
    const history = await releaseHistory('1.0.0', facts, {
      run: runCommand,
      cwd: dir,
    })
    expect(history).toEqual({
      tags: ['v1.0.0'],
      floating: true,
      note: 'the repository has no remote and its full history holds no other release tag, so 1.0.0 is the first release',
    })
  })

  it('moves none in a folder outside git', async () => {
    const facts = await readGitFacts(new Git(plain))
    const history = await releaseHistory('1.0.0', facts, {
      run: runCommand,
      cwd: plain,
    })
    expect(history.floating).toBe(false)
    expect(history.warning).toContain(
      'the working directory is not a git repository and there is no remote',
    )
  })
})

describe('otherReleases', () => {
  it.each<[string[], number]>([
    [['v1.0.0', '1.1.0', 'v1.2.3'], 2],
    [['v1.2.3', 'v2.0.0-rc.1', 'nightly', 'app/v9.0.0', 'vv1.0.0'], 0],
  ])('counts in %j: %i', (tags, count) => {
    expect(otherReleases(tags, '1.2.3')).toBe(count)
  })
})
