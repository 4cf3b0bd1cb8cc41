// The drift report's core: reads the applications and, for each one that
// is OutOfSync or not Healthy, the resources that differ from Git or are
// unwell. It only reads: every request is a GET.
import {
  appStatus,
  shortRevision,
  type ArgoCdClient,
} from '../../../lib/argocd/index.js'
import {
  readApplications,
  request,
  type Selection,
} from '../../../lib/argocd-stage/index.js'
import type { WaitSettings } from '../../../lib/health/index.js'
import type { Clock } from '../../../lib/retry/index.js'
import { errorMessage, type Logger } from '../../../lib/runner/index.js'
import {
  driftedResources,
  resourceName,
  type DriftedResource,
} from './resources.js'

/** What the core needs to know. */
export interface DriftSettings {
  readonly selection: Selection
  readonly wait: WaitSettings
}

/** What the core talks to. */
export interface DriftDeps {
  readonly client: ArgoCdClient
  readonly clock: Clock
  readonly logger: Logger
}

/** One application as the report shows it. */
export interface DriftEntry {
  name: string
  /** status.sync.status */
  sync: string
  /** status.health.status */
  health: string
  healthMessage: string
  /** The revision compared with, short; empty when none. */
  revision: string
  /** OutOfSync or not Healthy. */
  drifted: boolean
  /** Of a drifted application: the resources that differ or are unwell. */
  resources: DriftedResource[]
  /** Why its resources could not be read, when they could not. */
  resourcesError?: string
}

/** Reads the applications `settings` selects and reports their drift. */
export async function driftReport(
  settings: DriftSettings,
  deps: DriftDeps,
): Promise<DriftEntry[]> {
  const retryDeps = { ...deps, wait: settings.wait }
  const apps = await deps.logger.group('Read the applications', async () => {
    const read = await readApplications(
      deps.client,
      settings.selection,
      retryDeps,
    )
    for (const app of read) {
      const st = appStatus(app)
      deps.logger.info(`${st.name}: ${st.sync}, ${st.health}`)
    }
    return read
  })
  const drifted = apps.filter((app) => isDrifted(appStatus(app)))
  if (drifted.length === 0) return apps.map((app) => entryOf(app, []))
  return deps.logger.group('Read the resources that differ', async () => {
    // Every read runs to its end; one that fails is reported, not fatal.
    const settled = await Promise.allSettled(
      drifted.map((app) => {
        const name = appStatus(app).name
        return request(
          `get the resources of ${name}`,
          (signal) => deps.client.managedResources(name, signal),
          retryDeps,
        )
      }),
    )
    return apps.map((app) => {
      const i = drifted.indexOf(app)
      if (i < 0) return entryOf(app, [])
      const got = settled[i]
      if (got?.status === 'fulfilled') {
        const entry = entryOf(app, driftedResources(app, got.value))
        for (const r of entry.resources) {
          deps.logger.info(`${entry.name}: ${resourceName(r)}: ${describe(r)}`)
        }
        return entry
      }
      const why = errorMessage(got?.reason)
      const entry = entryOf(app, driftedResources(app, []))
      deps.logger.warning(`${entry.name}: ${why}`, 'Resources not read')
      return { ...entry, resourcesError: why }
    })
  })
}

/** What is wrong with a resource, in a few words. */
export function describe(r: DriftedResource): string {
  const parts = [
    r.modified ? 'differs from Git' : r.sync === 'OutOfSync' ? 'OutOfSync' : '',
    r.health !== '' && r.health !== 'Healthy' ? r.health : '',
    r.message,
  ]
  return parts.filter((p) => p !== '').join(', ')
}

function isDrifted(st: { sync: string; health: string }): boolean {
  return st.sync !== 'Synced' || st.health !== 'Healthy'
}

function entryOf(
  app: Parameters<typeof appStatus>[0],
  resources: DriftedResource[],
): DriftEntry {
  const st = appStatus(app)
  return {
    name: st.name,
    sync: st.sync,
    health: st.health,
    healthMessage: st.healthMessage,
    revision: st.revisions.map(shortRevision).join('/'),
    drifted: isDrifted(st),
    resources,
  }
}
