import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fakeTokens } from '../../actions/secret-scan/test/tokens.js'
import type { GitRepo } from '../support/git-repo.js'
import { createRepo } from '../support/git-repo.js'
import { requireBundle, runBundle } from '../support/run-bundle.js'
import { expectValidSarif } from '../support/sarif-check.js'

// `node dist/secret-scan/index.js` as the runner starts it, on a tree
// scanned by one thread and by worker threads started from the bundle
// itself: the same findings either way.

const repos: GitRepo[] = []
beforeAll(() => requireBundle('secret-scan'))
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

/** Forty files, every fourth with a different token in it. */
function repoWithTokens(): GitRepo {
  const repo = createRepo()
  repos.push(repo)
  const files: Record<string, string> = {}
  for (let i = 0; i < 40; i += 1) {
    const token =
      i % 4 === 0 ? `\nTOKEN=${fakeTokens(i + 1)['github-token'] ?? ''}\n` : ''
    files[`src/file-${i}.txt`] = `${'filler line\n'.repeat(i * 10)}${token}`
  }
  repo.commit('feat: files', files)
  return repo
}

async function scan(
  repo: GitRepo,
  threads: string,
): Promise<{
  summary: string
  sarif: unknown
  outputs: Record<string, string>
  stdout: string
}> {
  const run = await runBundle('secret-scan', {
    inputs: { threads, 'warn-only': 'true' },
    vars: {
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_WORKSPACE: repo.workDir,
      RUNNER_TEMP: repo.dir,
    },
    cwd: repo.workDir,
  })
  if (run.exitCode !== 0) throw new Error(`${run.stdout}\n${run.stderr}`)
  const file =
    run.outputs['sarif-file'] ?? join(repo.dir, 'cortex-secret-scan.sarif')
  return {
    summary: run.summary,
    sarif: JSON.parse(readFileSync(file, 'utf8')),
    outputs: run.outputs,
    stdout: run.stdout,
  }
}

describe('the secret-scan bundle', () => {
  it('finds the same secrets with worker threads as with one', async () => {
    const repo = repoWithTokens()
    const one = await scan(repo, '1')
    const three = await scan(repo, '3')
    expect(one.outputs['new']).toBe('10')
    expect(three.stdout).toContain('::debug::scanned the tree with 3 threads')
    expect(three.outputs).toEqual(one.outputs)
    expect(three.summary).toBe(one.summary)
    expect(three.sarif).toEqual(one.sarif)
    expectValidSarif(three.sarif)
  })
})
