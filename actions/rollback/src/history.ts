// Rollback through Argo CD's own history: each application is rolled back
// to the status.history deployment the backup recorded. Git still says the
// bad revision, so an application that syncs automatically would return to
// it at once; such applications are refused before anything changes.
import {
  appStatus,
  operationStatus,
  revisionMatches,
  shortRevision,
  type Application,
  type ApplicationReader,
} from '../../../lib/argocd/index.js'
import {
  deployedRevision,
  entryFor,
  request,
  type Started,
} from '../../../lib/argocd-stage/index.js'
import type {
  AppReturn,
  ModePlan,
  RollbackDeps,
  RollbackTarget,
} from './rollback.js'
import type { RollbackSettings } from './settings.js'

/** Checks the applications and plans a rollback of those not at their good revision. */
export function historyRollback(
  targets: readonly RollbackTarget[],
  settings: RollbackSettings,
  deps: RollbackDeps,
): ModePlan {
  const automated = targets.filter((t) => t.automated).map((t) => t.name)
  if (automated.length > 0) {
    throw new Error(
      `mode argocd-history refuses ${automated.join(', ')}: automated sync (and self-heal) would return ${automated.length === 1 ? 'it' : 'them'} to Git's revision at once; use mode gitops, which reverts the change in Git`,
    )
  }
  const ids = new Map<string, number>()
  for (const t of targets) {
    const id = entryFor(settings.backup, t.name).historyId
    if (id === undefined) {
      throw new Error(
        `${t.name}: the backup records no history id for ${shortRevision(t.good)}; use mode gitops`,
      )
    }
    ids.set(t.name, id)
  }
  const apps: AppReturn[] = []
  const start: RollbackTarget[] = []
  for (const t of targets) {
    const st = appStatus(t.app)
    const atGood =
      st.health === 'Healthy' &&
      revisionMatches(deployedRevision(t.app).revision, t.good)
    apps.push({
      name: t.name,
      good: t.good,
      before: t.before,
      action: atGood ? 'none' : 'rolled-back',
    })
    if (!atGood) start.push(t)
  }
  if (settings.dryRun) {
    for (const t of start) {
      deps.logger.info(
        `dry run: would roll ${t.name} back to deployment ${ids.get(t.name) ?? '?'} (${shortRevision(t.good)})`,
      )
    }
  }
  const retryDeps = { ...deps, wait: settings.wait }
  const operation = async (t: RollbackTarget): Promise<Started> => {
    const id = ids.get(t.name) ?? 0
    await request(
      `roll back ${t.name}`,
      (signal) =>
        deps.client.rollback(t.name, id, { prune: settings.prune }, signal),
      retryDeps,
    )
    deps.logger.info(
      `${t.name}: rollback started to deployment ${id} (${shortRevision(t.good)})`,
    )
    return { expected: t.good, operated: true }
  }
  return { apps, start, operation, reader: rolledBackReader(deps.client) }
}

/**
 * Reads applications as a wait after a rollback needs them. Argo CD keeps
 * comparing a rolled-back application with Git's head, so it reads
 * OutOfSync by design; once the rollback has succeeded it runs the
 * revision the operation names, and is shown Synced at it.
 */
export function rolledBackReader(client: ApplicationReader): ApplicationReader {
  return {
    async getApplication(name, signal) {
      return asRolledBack(await client.getApplication(name, signal))
    },
  }
}

function asRolledBack(app: Application): Application {
  const op = operationStatus(app)
  const revision = op?.revisions[0]
  if (op?.phase !== 'Succeeded' || revision === undefined) return app
  const status = app.status
  if (typeof status !== 'object' || status === null) return app
  const old = (status as Record<string, unknown>).sync
  const sync = (typeof old === 'object' && old !== null ? old : {}) as Record<
    string,
    unknown
  >
  // An application of several sources is compared per source.
  const many = Array.isArray(sync.revisions) ? { revisions: op.revisions } : {}
  return {
    ...app,
    status: {
      ...status,
      sync: { ...sync, status: 'Synced', revision, ...many },
    },
  }
}
