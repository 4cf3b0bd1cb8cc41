import { afterEach, describe, expect, it } from '@jest/globals'
import { Git } from '../../../lib/git/index.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { parseGitDiff } from '../src/git-diff.js'

// parseGitDiff on what real git prints for each kind of change.

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

async function diffOf(
  before: Record<string, string>,
  change: (repo: GitRepo) => void,
): Promise<string> {
  const repo = createRepo()
  repos.push(repo)
  repo.commit('chore: before', before)
  const base = repo.head()
  change(repo)
  const git = new Git(repo.workDir)
  const result = await git.run([
    '-c',
    'core.quotepath=off',
    'diff',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    `${base}...HEAD`,
  ])
  return result.stdout
}

describe('parseGitDiff', () => {
  it('reads each kind of change as the files API names it', async () => {
    const text = await diffOf(
      {
        'keep.ts': 'a\nb\n',
        'gone.ts': 'x\n',
        'move.ts': 'one\ntwo\nthree\n',
      },
      (repo) => {
        repo.commit('feat: changes', {
          'keep.ts': 'a\nb\nc\n',
          'gone.ts': null,
          'new dir/spaced name.ts': 'n\n',
          'tab\there.ts': 't\n',
          'blob.bin': 'GIF\u0000\u0001',
        })
        repo.run(['mv', 'move.ts', 'moved.ts'])
        repo.commit('refactor: move')
      },
    )
    const files = parseGitDiff(text)
    expect(
      files.map(({ path, status, additions, patch }) => ({
        path,
        status,
        additions,
        patch: patch?.split('\n').slice(-1)[0],
      })),
    ).toEqual([
      {
        path: 'blob.bin',
        status: 'added',
        additions: undefined,
        patch: undefined,
      },
      { path: 'gone.ts', status: 'removed', additions: 0, patch: '-x' },
      { path: 'keep.ts', status: 'modified', additions: 1, patch: '+c' },
      { path: 'moved.ts', status: 'renamed', additions: 0, patch: undefined },
      {
        path: 'new dir/spaced name.ts',
        status: 'added',
        additions: 1,
        patch: '+n',
      },
      { path: 'tab\there.ts', status: 'added', additions: 1, patch: '+t' },
    ])
  })

  it('reads nothing from an empty diff', () => {
    expect(parseGitDiff('')).toEqual([])
  })
})
