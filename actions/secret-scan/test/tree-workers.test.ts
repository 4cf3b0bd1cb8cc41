import { afterEach, describe, expect, it } from '@jest/globals'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import { DEBUG_LIMIT, DebugLines } from '../src/collect.js'
import type { TreeJob, TreeResult } from '../src/tree-scan.js'
import { scanTreeFiles } from '../src/tree-scan.js'
import { PARALLEL_BYTES, scanTree } from '../src/tree-workers.js'
import { fakeTokens } from './tokens.js'

// The worker side runs in process here (a worker thread cannot load
// TypeScript); test/e2e/secret-scan.test.ts runs real workers from the
// bundle.

const repos: GitRepo[] = []
afterEach(() => {
  for (const repo of repos.splice(0)) repo.cleanup()
})

const BUNDLE_URL = new URL('file:///bundle.js')

function job(): TreeJob {
  const repo = createRepo()
  repos.push(repo)
  const files: Record<string, string> = {}
  for (let i = 0; i < 12; i += 1) {
    files[`f${i}.env`] =
      `${'x\n'.repeat(i)}T=${fakeTokens(i + 1)['github-token'] ?? ''}\n`
  }
  repo.commit('feat: files', files)
  return {
    root: repo.workDir,
    paths: Object.keys(files).sort(),
    maxBytes: 1024 * 1024,
    explain: true,
  }
}

describe('scanTree', () => {
  it('gives shares to workers and finds what one thread finds', async () => {
    const given: TreeJob[] = []
    const inProcess = (_: URL, share: TreeJob): Promise<TreeResult> => {
      given.push(share)
      return Promise.resolve(scanTreeFiles(share))
    }
    const whole = job()
    const one = scanTreeFiles(whole)
    const three = await scanTree(
      whole,
      { workerUrl: BUNDLE_URL, threads: 3 },
      inProcess,
    )
    expect(given).toHaveLength(2)
    expect(three.threads).toBe(3)
    expect(three.candidates).toEqual(one.candidates)
    expect(three.coverage).toEqual(one.coverage)
  })

  it('keeps a small tree in one thread when left to choose', async () => {
    const started: TreeJob[] = []
    const result = await scanTree(
      job(),
      { workerUrl: BUNDLE_URL, threads: 0 },
      (_, share) => {
        started.push(share)
        return Promise.resolve(scanTreeFiles(share))
      },
    )
    expect(started).toEqual([])
    expect(result.candidates).toHaveLength(12)
    expect(PARALLEL_BYTES).toBeGreaterThan(1024 * 1024)
  })

  it('fails when a worker fails', async () => {
    await expect(
      scanTree(job(), { workerUrl: BUNDLE_URL, threads: 2 }, () =>
        Promise.reject(
          new Error('a scan worker stopped (exit 1) without a result'),
        ),
      ),
    ).rejects.toThrow(/a scan worker stopped/)
  })
})

describe('DebugLines', () => {
  it('keeps the first lines up to its limit and counts the rest, merged too', () => {
    const debug = new DebugLines()
    const rejection = { ruleId: 'jwt', lineIndex: 0, line: 'x', reason: 'why' }
    for (let i = 0; i < DEBUG_LIMIT + 3; i += 1)
      debug.add('a.txt', rejection, i + 1)
    expect(debug.lines).toHaveLength(DEBUG_LIMIT)
    expect(debug.lines[0]).toBe('a.txt:1 jwt: not reported, why')
    expect(debug.dropped).toBe(3)
    debug.merge({ lines: ['b'], dropped: 2 })
    expect(debug.dropped).toBe(6)
  })
})
