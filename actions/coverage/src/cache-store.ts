// The baseline store on the Actions cache (@actions/cache): each baseline is
// one small JSON file, saved and restored at the same path, since the
// cache's version hash covers the paths as given.
import * as cache from '@actions/cache'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { BaselineStore } from './baseline.js'

/** The part of @actions/cache the store uses; tests pass a stand-in. */
export type CacheApi = Pick<
  typeof cache,
  'isFeatureAvailable' | 'saveCache' | 'restoreCache'
>

/** A BaselineStore keeping its file at `file` (under RUNNER_TEMP). */
export function actionsCacheStore(
  file: string,
  api: CacheApi = cache,
): BaselineStore {
  const ready = (): void => {
    if (!api.isFeatureAvailable()) {
      throw new Error(
        'the Actions cache service is not available here (ACTIONS_CACHE_URL and ACTIONS_RESULTS_URL are unset, as in a local run)',
      )
    }
  }
  return {
    async save(key, text) {
      ready()
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, text)
      // -1: the cache declined (the key exists) and logged why.
      return (await api.saveCache([file], key)) !== -1
    },
    async restore(key, restoreKeys) {
      ready()
      rmSync(file, { force: true })
      const hit = await api.restoreCache([file], key, [...restoreKeys])
      if (hit === undefined) return undefined
      return { key: hit, text: readFileSync(file, 'utf8') }
    },
  }
}
