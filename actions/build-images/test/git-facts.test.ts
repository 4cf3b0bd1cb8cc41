import { afterEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readGitFacts, remoteTagNames } from '../src/git-facts.js'
import { Git } from '../../../lib/git/index.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'

let repo: GitRepo | undefined
let plain: string | undefined
afterEach(() => {
  repo?.cleanup()
  repo = undefined
  if (plain !== undefined) fs.rmSync(plain, { recursive: true, force: true })
  plain = undefined
})

describe('readGitFacts', () => {
  it('reads the tags, HEAD and branch of a full clone', async () => {
    repo = createRepo()
    repo.commit('chore: init')
    repo.tag('v1.0.0')
    const head = repo.commit('feat: more')
    repo.tag('v1.1.0', { annotated: true })
    const facts = await readGitFacts(new Git(repo.workDir))
    expect(facts).toEqual({
      tags: ['v1.0.0', 'v1.1.0'],
      shallow: false,
      repository: true,
      remotes: ['origin'],
      head,
      branchRef: 'refs/heads/main',
    })
  })

  it('knows a shallow clone, and a detached HEAD has no branch', async () => {
    repo = createRepo()
    repo.commit('chore: init')
    repo.commit('feat: more')
    repo.push()
    const shallow = path.join(repo.dir, 'shallow')
    repo.run(
      ['clone', '--quiet', '--depth', '1', `file://${repo.originDir}`, shallow],
      {
        cwd: repo.dir,
      },
    )
    repo.run(['checkout', '--quiet', '--detach'], { cwd: shallow })
    const facts = await readGitFacts(new Git(shallow))
    expect(facts).toMatchObject({ shallow: true, tags: [], repository: true })
    expect(facts.branchRef).toBeUndefined()
  })

  it('reads a folder outside git as no repository', async () => {
    plain = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-plain-'))
    expect(await readGitFacts(new Git(plain))).toEqual({
      tags: [],
      shallow: false,
      repository: false,
      remotes: [],
    })
  })
})

describe('remoteTagNames', () => {
  // `git ls-remote --tags` output as git 2.43 prints it for a remote with a
  // lightweight and an annotated tag.
  const LS_REMOTE = [
    `${'a'.repeat(40)}\trefs/tags/v1.0.0`,
    `${'b'.repeat(40)}\trefs/tags/v2.0.0`,
    `${'c'.repeat(40)}\trefs/tags/v2.0.0^{}`,
    `${'d'.repeat(40)}\trefs/tags/app/v9.0.0`,
    '',
  ].join('\n')

  it('names each tag once, peeled lines dropped', () => {
    expect(remoteTagNames(LS_REMOTE)).toEqual([
      'v1.0.0',
      'v2.0.0',
      'app/v9.0.0',
    ])
  })

  it.each(['', 'garbage', `${'a'.repeat(40)}\trefs/heads/main`])(
    'finds no tag in %j',
    (output) => {
      expect(remoteTagNames(output)).toEqual([])
    },
  )
})
