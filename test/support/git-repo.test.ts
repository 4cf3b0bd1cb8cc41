import { afterEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import {
  TEST_IDENTITY,
  createRepo,
  writeLinearHistory,
  type GitRepo,
} from './git-repo.js'

const made: GitRepo[] = []
function fresh(): GitRepo {
  const repo = createRepo()
  made.push(repo)
  return repo
}

afterEach(() => {
  for (const repo of made.splice(0)) repo.cleanup()
})

describe('createRepo', () => {
  it('makes a bare origin and a clone on main in one temp folder', () => {
    const repo = fresh()
    expect(repo.originDir).toBe(path.join(repo.dir, 'origin.git'))
    expect(repo.workDir).toBe(path.join(repo.dir, 'work'))
    expect(repo.git('rev-parse', '--is-bare-repository')).toBe('false')
    expect(repo.git('symbolic-ref', '--short', 'HEAD')).toBe('main')
    expect(repo.git('remote', 'get-url', 'origin')).toBe(repo.originDir)
  })

  it('sets identity and signing locally, not from global config', () => {
    const repo = fresh()
    expect(repo.git('config', '--local', 'user.name')).toBe(TEST_IDENTITY.name)
    expect(repo.git('config', '--local', 'commit.gpgsign')).toBe('false')
    expect(repo.git('config', '--local', 'tag.gpgsign')).toBe('false')
    expect(repo.git('config', '--global', '--list')).toBe('')
  })

  it('makes the same SHAs every time', () => {
    const shas = [fresh(), fresh()].map((repo) => {
      repo.commit('feat: first', { 'a.txt': 'a\n' })
      return repo.commit('fix: second')
    })
    expect(shas[0]).toBe(shas[1])
  })
})

describe('GitRepo', () => {
  it('dates commits one minute apart from 2026-01-01, unless given', () => {
    const repo = fresh()
    repo.commit('one')
    repo.commit('two')
    repo.commit('three', {}, { date: '2030-05-06T07:08:09Z' })
    const dates = repo.git('log', '--format=%cI|%aI').split('\n')
    expect(dates).toEqual([
      '2030-05-06T07:08:09+00:00|2030-05-06T07:08:09+00:00',
      '2026-01-01T00:01:00+00:00|2026-01-01T00:01:00+00:00',
      '2026-01-01T00:00:00+00:00|2026-01-01T00:00:00+00:00',
    ])
  })

  it('writes, deletes and commits files, keeping the message whole', () => {
    const repo = fresh()
    repo.commit('feat: add', { 'src/a.txt': 'a', 'b.txt': 'b' })
    const message = 'fix: drop b\n\n#12 is a reference, not a comment\n'
    const sha = repo.commit(message, { 'b.txt': null })
    expect(repo.git('log', '-1', '--format=%B', sha)).toBe(message)
    expect(repo.git('ls-files')).toBe('src/a.txt')
    expect(repo.readFile('src/a.txt')).toBe('a')
    expect(repo.git('status', '--porcelain')).toBe('')
  })

  it('makes lightweight and annotated tags', () => {
    const repo = fresh()
    const first = repo.commit('one')
    repo.commit('two')
    expect(repo.tag('v1', { sha: first })).toBe(first)
    const tagSha = repo.tag('v2', { message: 'Release v2' })
    expect(repo.git('cat-file', '-t', tagSha)).toBe('tag')
    expect(repo.git('rev-parse', 'v2^{commit}')).toBe(repo.head())
    expect(repo.git('tag', '-l', '--format=%(contents:subject)', 'v2')).toBe(
      'Release v2',
    )
  })

  it('merges a branch with a real merge commit', () => {
    const repo = fresh()
    const base = repo.commit('chore: base')
    repo.branch('feature')
    repo.checkout('feature')
    const tip = repo.commit('feat: on feature', { 'f.txt': 'f' })
    repo.checkout('main')
    const merge = repo.merge('feature')
    expect(repo.git('rev-parse', `${merge}^1`, `${merge}^2`)).toBe(
      `${base}\n${tip}`,
    )
    expect(repo.git('log', '-1', '--format=%s')).toBe("Merge branch 'feature'")
    expect(repo.isAncestor(tip, merge)).toBe(true)
    expect(repo.isAncestor(merge, tip)).toBe(false)
  })

  it('pushes every branch and tag to origin, peeling annotated tags', () => {
    const repo = fresh()
    const sha = repo.commit('one')
    repo.branch('release')
    repo.tag('light')
    const tagSha = repo.tag('heavy', { annotated: true })
    repo.push()
    expect(repo.originRefs()).toEqual({
      'refs/heads/main': { sha, commit: sha, objectType: 'commit' },
      'refs/heads/release': { sha, commit: sha, objectType: 'commit' },
      'refs/tags/heavy': { sha: tagSha, commit: sha, objectType: 'tag' },
      'refs/tags/light': { sha, commit: sha, objectType: 'commit' },
    })
  })

  it('gives a second pusher that loses a race', () => {
    const repo = fresh()
    repo.commit('one')
    repo.push()
    const other = repo.cloneOrigin()
    expect(other.git('config', 'user.email')).toBe(TEST_IDENTITY.email)
    other.commit('from the other clone')
    other.push('main')
    repo.commit('from the first clone')
    expect(() => repo.push('main')).toThrow(/git push .*failed.*rejected/s)
    other.cleanup()
    expect(fs.existsSync(other.workDir)).toBe(false)
    expect(fs.existsSync(repo.workDir)).toBe(true)
  })

  it('throws with what git said on stderr', () => {
    const repo = fresh()
    expect(() => repo.git('rev-parse', 'no-such-ref')).toThrow(
      /git rev-parse no-such-ref failed \(exit 128\): .*no-such-ref/s,
    )
  })

  it('removes the whole temp folder on cleanup', () => {
    const repo = createRepo()
    repo.cleanup()
    expect(fs.existsSync(repo.dir)).toBe(false)
  })
})

describe('writeLinearHistory', () => {
  it('appends commits after the existing history, in order', () => {
    const repo = fresh()
    const first = repo.commit('chore: start', { 'keep.txt': 'k' })
    const head = writeLinearHistory(repo, 3, (i) => `feat: commit ${i}`)
    expect(repo.git('log', '--format=%s')).toBe(
      'feat: commit 2\nfeat: commit 1\nfeat: commit 0\nchore: start',
    )
    expect(repo.git('rev-list', '--max-parents=0', 'HEAD')).toBe(first)
    expect(repo.head()).toBe(head)
    expect(repo.git('status', '--porcelain')).toBe('')
    expect(repo.git('log', '-1', '--format=%cI %an')).toBe(
      `2026-01-01T00:03:00+00:00 ${TEST_IDENTITY.name}`,
    )
  })

  it('starts an empty repository and writes 20 000 commits quickly', () => {
    const repo = fresh()
    const started = Date.now()
    writeLinearHistory(repo, 20_000, (i) => `fix: number ${i}\n\nbody ${i}`)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(repo.git('rev-list', '--count', 'HEAD')).toBe('20000')
    expect(repo.git('log', '-1', '--format=%B')).toBe(
      'fix: number 19999\n\nbody 19999\n',
    )
  })
})
