import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { lcov, removeWorkspaces, workspace } from './helpers.js'

// main.ts with @actions/cache replaced by a recording stand-in, to show
// which calls the stage makes of the real module: the key, the path, and
// what a pull request makes of the baseline it restores.

const saved = new Map<string, string>()
const calls: string[] = []
jest.unstable_mockModule('@actions/cache', () => ({
  isFeatureAvailable: () => true,
  saveCache: (paths: string[], key: string) => {
    calls.push(`save ${key} ${paths.join(',')}`)
    saved.set(key, readFileSync(paths[0] ?? '', 'utf8'))
    return Promise.resolve(42)
  },
  restoreCache: (paths: string[], key: string, restoreKeys: string[]) => {
    calls.push(`restore ${key} [${restoreKeys.join(',')}] ${paths.join(',')}`)
    const hit = [...saved.keys()].find(
      (k) => k === key || restoreKeys.some((prefix) => k.startsWith(prefix)),
    )
    if (hit !== undefined) writeFileSync(paths[0] ?? '', saved.get(hit) ?? '')
    return Promise.resolve(hit)
  },
}))
const { run } = await import('../src/main.js')

afterEach(removeWorkspaces)

const MAIN_SHA = '1'.repeat(40)

describe('the coverage stage with the Actions cache', () => {
  it('saves on main and shows the delta on a pull request', async () => {
    const temp = workspace()
    const file = join(temp, 'cortex-coverage', 'baseline.json')
    const onMain = workspace({
      'coverage/lcov.info': lcov(['SF:a.ts', 'DA:1,1', 'DA:2,0']),
    })
    const push = await runInProcess(
      run,
      { 'min-lines': '0' },
      {
        GITHUB_WORKSPACE: onMain,
        RUNNER_TEMP: temp,
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: MAIN_SHA,
      },
      { repository: { default_branch: 'main' } },
    )
    expectOk(push)
    expect(push.summary).toContain(
      `Saved as the baseline \`cortex-coverage-main-${MAIN_SHA}\`.`,
    )
    const onPull = workspace({
      'coverage/lcov.info': lcov(['SF:a.ts', 'DA:1,1', 'DA:2,1', 'DA:3,0']),
    })
    const pull = await runInProcess(
      run,
      { 'min-lines': '0' },
      {
        GITHUB_WORKSPACE: onPull,
        RUNNER_TEMP: temp,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/3/merge',
        GITHUB_SHA: '3'.repeat(40),
      },
      {
        repository: { default_branch: 'main' },
        // A later base commit than the one saved: the prefix finds it.
        pull_request: { base: { ref: 'main', sha: '2'.repeat(40) } },
      },
    )
    expectOk(pull)
    expect(calls).toEqual([
      `save cortex-coverage-main-${MAIN_SHA} ${file}`,
      `restore cortex-coverage-main-${'2'.repeat(40)} [cortex-coverage-main-] ${file}`,
    ])
    expect(JSON.parse(pull.outputs['delta'] ?? '')).toEqual({
      baseline: `cortex-coverage-main-${MAIN_SHA}`,
      sha: MAIN_SHA,
      lines: 16.67,
      branches: null,
      functions: null,
    })
    expect(pull.summary).toContain(
      '| base (main 1111111) | 50.00 % | n/a | n/a |',
    )
    expect(pull.summary).toContain('| delta | +16.67 | n/a | n/a |')
  })
})
