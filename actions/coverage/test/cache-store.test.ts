import { afterEach, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CacheApi } from '../src/cache-store.js'
import { actionsCacheStore } from '../src/cache-store.js'
import { removeWorkspaces, workspace } from './helpers.js'

afterEach(removeWorkspaces)

/** @actions/cache's three calls, recorded, over an in-memory cache. */
function fakeCache(available = true) {
  const entries = new Map<string, string>()
  const calls: string[] = []
  const api: CacheApi = {
    isFeatureAvailable: () => available,
    saveCache: (paths, key) => {
      calls.push(`save ${key} ${paths.join(',')}`)
      if (entries.has(key)) return Promise.resolve(-1)
      entries.set(key, readFileSync(paths[0] ?? '', 'utf8'))
      return Promise.resolve(1)
    },
    restoreCache: (paths, key, restoreKeys = []) => {
      calls.push(`restore ${key} [${restoreKeys.join(',')}] ${paths.join(',')}`)
      const hit =
        [...entries.keys()].find((k) => k === key) ??
        [...entries.keys()].find((k) =>
          restoreKeys.some((p) => k.startsWith(p)),
        )
      if (hit === undefined) return Promise.resolve(undefined)
      writeFileSync(paths[0] ?? '', entries.get(hit) ?? '')
      return Promise.resolve(hit)
    },
  }
  return { api, calls }
}

describe('actionsCacheStore', () => {
  it('saves and restores one file at one path, by key and by prefix', async () => {
    const file = join(workspace(), 'cortex-coverage', 'baseline.json')
    const { api, calls } = fakeCache()
    const store = actionsCacheStore(file, api)
    expect(await store.save('p-main-1', '{"a":1}')).toBe(true)
    expect(await store.save('p-main-1', '{"a":2}')).toBe(false)
    expect(await store.restore('p-main-2', ['p-main-'])).toEqual({
      key: 'p-main-1',
      text: '{"a":1}',
    })
    expect(await store.restore('q-x', ['q-'])).toBeUndefined()
    expect(existsSync(file)).toBe(false)
    expect(calls).toEqual([
      `save p-main-1 ${file}`,
      `save p-main-1 ${file}`,
      `restore p-main-2 [p-main-] ${file}`,
      `restore q-x [q-] ${file}`,
    ])
  })

  it('says the cache service is missing, as in a local run', async () => {
    const store = actionsCacheStore('/unused', fakeCache(false).api)
    await expect(store.restore('k', [])).rejects.toThrow(
      'the Actions cache service is not available here',
    )
    await expect(store.save('k', '')).rejects.toThrow('not available')
  })
})
