import { describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../../lib/runner/index.js'
import type { BaselinePlan, BaselineStore } from '../src/baseline.js'
import {
  applyBaseline,
  baselineKey,
  deltaOf,
  parseBaseline,
  planBaseline,
} from '../src/baseline.js'
import type { RunContext } from '../src/run-context.js'
import type { Totals } from '../src/totals.js'

const SHA = 'a'.repeat(40)
const BASE_SHA = 'b'.repeat(40)
const TOTALS: Totals = {
  lines: { covered: 80, total: 100 },
  branches: { covered: 1, total: 4 },
  functions: { covered: 0, total: 0 },
}

/** The cache's behaviour in memory: exact key, else the newest by prefix. */
class MemoryStore implements BaselineStore {
  readonly saved: [string, string][] = []
  constructor(private readonly fail?: Error) {}
  save(key: string, text: string): Promise<boolean> {
    if (this.fail) return Promise.reject(this.fail)
    if (this.saved.some(([k]) => k === key)) return Promise.resolve(false)
    this.saved.push([key, text])
    return Promise.resolve(true)
  }
  restore(key: string, restoreKeys: readonly string[]) {
    if (this.fail) return Promise.reject(this.fail)
    const exact = this.saved.find(([k]) => k === key)
    const newest = [...this.saved]
      .reverse()
      .find(([k]) => restoreKeys.some((prefix) => k.startsWith(prefix)))
    const hit = exact ?? newest
    return Promise.resolve(hit && { key: hit[0], text: hit[1] })
  }
}

const PUSH: RunContext = {
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: SHA,
  defaultBranch: 'main',
}
const PULL: RunContext = {
  eventName: 'pull_request',
  ref: 'refs/pull/7/merge',
  sha: 'c'.repeat(40),
  defaultBranch: 'main',
  pullRequest: { baseRef: 'main', baseSha: BASE_SHA },
}

describe('planBaseline', () => {
  it.each<[string, RunContext, boolean, BaselinePlan]>([
    [
      'saves on a push to the default branch',
      PUSH,
      true,
      {
        action: 'save',
        key: `cortex-coverage-main-${SHA}`,
        branch: 'main',
        sha: SHA,
      },
    ],
    [
      'restores the base on a pull request, the base branch as fallback',
      PULL,
      true,
      {
        action: 'restore',
        key: `cortex-coverage-main-${BASE_SHA}`,
        restoreKeys: ['cortex-coverage-main-'],
        branch: 'main',
      },
    ],
    [
      'does nothing on another branch',
      { ...PUSH, ref: 'refs/heads/feature' },
      true,
      {
        action: 'none',
        reason: 'no baseline saved: feature is not the default branch (main)',
      },
    ],
    [
      'does nothing on a tag',
      { ...PUSH, ref: 'refs/tags/v1.0.0' },
      true,
      {
        action: 'none',
        reason:
          'no baseline: the run is neither for a pull request nor for a branch commit (GITHUB_REF and GITHUB_SHA)',
      },
    ],
    [
      'does nothing when the default branch is not known',
      { ref: 'refs/heads/main', sha: SHA },
      true,
      {
        action: 'none',
        reason:
          'no baseline saved: the event payload does not name the default branch, so main may not be it',
      },
    ],
    [
      'does nothing when off',
      PULL,
      false,
      { action: 'none', reason: 'baseline: off' },
    ],
  ])('%s', (_name, context, enabled, plan) => {
    expect(planBaseline(context, 'cortex-coverage', enabled)).toEqual(plan)
  })

  it('keeps commas, which cache keys refuse, out of keys', () => {
    expect(baselineKey('p', 'fix,a', 'abc')).toBe('p-fix_a-abc')
  })
})

describe('applyBaseline', () => {
  const save = planBaseline(PUSH, 'cortex-coverage', true)
  const restore = planBaseline(PULL, 'cortex-coverage', true)

  it('saves the totals on the default branch', async () => {
    const store = new MemoryStore()
    const log = new MemoryLogger()
    expect(await applyBaseline(save, TOTALS, store, log)).toEqual({
      saved: `cortex-coverage-main-${SHA}`,
    })
    expect(parseBaseline(store.saved[0]?.[1] ?? '')).toEqual({
      version: 1,
      branch: 'main',
      sha: SHA,
      totals: TOTALS,
    })
  })

  it('restores the base commit’s totals on a pull request', async () => {
    const store = new MemoryStore()
    const base = planBaseline(
      { ...PUSH, sha: BASE_SHA },
      'cortex-coverage',
      true,
    )
    await applyBaseline(base, TOTALS, store, new MemoryLogger())
    const log = new MemoryLogger()
    const outcome = await applyBaseline(restore, TOTALS, store, log)
    expect(outcome.restored).toMatchObject({
      key: `cortex-coverage-main-${BASE_SHA}`,
      exact: true,
      sha: BASE_SHA,
      totals: TOTALS,
    })
    expect(log.at('notice')).toEqual([])
  })

  it('falls back to the newest baseline of the base branch', async () => {
    const store = new MemoryStore()
    await applyBaseline(save, TOTALS, store, new MemoryLogger())
    const log = new MemoryLogger()
    const outcome = await applyBaseline(restore, TOTALS, store, log)
    expect(outcome.restored).toMatchObject({
      key: `cortex-coverage-main-${SHA}`,
      exact: false,
    })
    expect(log.at('info')[0]).toContain('the newest of main')
  })

  it('gives a notice, not an error, when there is no baseline', async () => {
    const log = new MemoryLogger()
    expect(
      await applyBaseline(restore, TOTALS, new MemoryStore(), log),
    ).toEqual({})
    expect(log.at('notice')).toEqual([
      `no baseline to compare with: none saved for main yet (looked for cortex-coverage-main-${BASE_SHA}, then cortex-coverage-main-*); a run on main saves one`,
    ])
  })

  it.each([
    [
      'saving',
      save,
      `baseline cortex-coverage-main-${SHA} not saved: cache service 503`,
    ],
    ['restoring', restore, 'no baseline to compare with: cache service 503'],
  ])(
    'gives a notice when the cache fails while %s',
    async (_name, plan, notice) => {
      const log = new MemoryLogger()
      const store = new MemoryStore(new Error('cache service 503'))
      expect(await applyBaseline(plan, TOTALS, store, log)).toEqual({})
      expect(log.at('notice')).toEqual([notice])
    },
  )

  it('gives a notice when the cache declines a second save of one commit', async () => {
    const store = new MemoryStore()
    await applyBaseline(save, TOTALS, store, new MemoryLogger())
    const log = new MemoryLogger()
    expect(await applyBaseline(save, TOTALS, store, log)).toEqual({})
    expect(log.at('notice')[0]).toContain('not saved: the cache declined it')
  })

  it('gives a notice for a baseline it cannot read', async () => {
    const store = new MemoryStore()
    await store.save(`cortex-coverage-main-${BASE_SHA}`, '{"version":2}')
    const log = new MemoryLogger()
    expect(await applyBaseline(restore, TOTALS, store, log)).toEqual({})
    expect(log.at('notice')[0]).toContain('is unreadable')
  })

  it('does nothing but say why when there is nothing to do', async () => {
    const log = new MemoryLogger()
    const plan = planBaseline(PUSH, 'p', false)
    expect(await applyBaseline(plan, TOTALS, new MemoryStore(), log)).toEqual(
      {},
    )
    expect(log.at('info')).toEqual(['baseline: off'])
  })
})

describe('deltaOf', () => {
  it('gives percentage points of what is shown, n/a where either side is', () => {
    const before: Totals = {
      lines: { covered: 2, total: 3 },
      branches: { covered: 0, total: 0 },
      functions: { covered: 1, total: 2 },
    }
    expect(deltaOf(TOTALS, before)).toEqual({
      lines: 13.33,
      branches: undefined,
      functions: undefined,
    })
  })
})

describe('parseBaseline', () => {
  it.each([
    'not json',
    '[]',
    '{"version":1,"branch":"main","sha":"x"}',
    '{"version":1,"branch":"main","sha":"x","totals":{"lines":{"covered":3,"total":2}}}',
  ])('refuses %j', (text) => {
    expect(parseBaseline(text)).toBeUndefined()
  })
})
