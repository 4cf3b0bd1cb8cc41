import { afterEach, describe, expect, it } from '@jest/globals'
import { createRepo } from '../../test/support/git-repo.js'
import type { GitRepo } from '../../test/support/git-repo.js'
import { Git, GitError } from './git.js'

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

function repo(): GitRepo {
  const r = createRepo()
  repos.push(r)
  return r
}

describe('Git', () => {
  it('runs git in the tree and throws a GitError with what git said', async () => {
    const r = repo()
    const first = r.commit('feat: one', { 'a.txt': 'a\n' })
    const git = new Git(r.workDir)
    expect(await git.text(['rev-parse', 'HEAD'])).toBe(first)
    const failure = git.run(['rev-parse', 'nope'])
    await expect(failure).rejects.toThrow(GitError)
    await expect(git.run(['rev-parse', 'nope'])).rejects.toThrow(
      /git rev-parse nope failed \(exit 128\): fatal/,
    )
    expect(
      (await git.run(['rev-parse', 'nope'], { allowFailure: true })).exitCode,
    ).toBe(128)
  })

  it('resolves revisions, ancestry and file contents', async () => {
    const r = repo()
    const first = r.commit('one', { 'a.txt': 'a\n' })
    const second = r.commit('two')
    const git = new Git(r.workDir)
    expect(await git.resolve('HEAD~1')).toBe(first)
    expect(await git.resolve('missing')).toBeUndefined()
    expect(await git.isAncestor(first, second)).toBe(true)
    expect(await git.isAncestor(second, first)).toBe(false)
    expect(await git.show('HEAD', 'a.txt')).toBe('a\n')
    expect(await git.show('HEAD', 'b.txt')).toBeUndefined()
  })

  it('applies its configuration, identity and standard input to every command', async () => {
    const r = repo()
    r.commit('one')
    const git = new Git(r.workDir, {
      'user.name': 'Release Bot',
      'user.email': 'bot@x.invalid',
    })
    await git.run(['commit', '--allow-empty', '-q', '-F', '-'], {
      input: 'chore: from stdin\n',
    })
    expect(await git.text(['log', '-1', '--format=%an <%ae> %s'])).toBe(
      'Release Bot <bot@x.invalid> chore: from stdin',
    )
  })

  it('sends an HTTP header through the environment, not the command line', async () => {
    const r = repo()
    r.commit('one')
    const git = new Git(r.workDir).withHttpHeader(
      'AUTHORIZATION: basic c2VjcmV0',
    )
    expect(await git.text(['config', '--get', 'http.extraheader'])).toBe(
      'AUTHORIZATION: basic c2VjcmV0',
    )
    expect(
      await new Git(r.workDir).run(['config', '--get', 'http.extraheader'], {
        allowFailure: true,
      }),
    ).toMatchObject({ exitCode: 1 })
  })

  it('keeps the step inputs, which may hold tokens, from git and its hooks', async () => {
    const r = repo()
    r.commit('one')
    process.env['INPUT_TOKEN'] = 'ghs_notForHooks'
    try {
      const git = new Git(r.workDir)
      const env = await git.text(['-c', 'alias.e=!env', 'e'])
      expect(env).not.toContain('ghs_notForHooks')
      expect(env).toContain('PATH=')
    } finally {
      delete process.env['INPUT_TOKEN']
    }
  })
})
