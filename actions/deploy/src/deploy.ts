// The deploy stage's core: reads the applications and records their state
// as the backup a rollback returns to, orders them in sync waves, and wave
// by wave syncs the manual ones and waits until every application of the
// wave is Synced and Healthy at the target revision, stopping at the first
// wave that fails.
import {
  groupByWave,
  shortRevision,
  type ArgoCdClient,
  type Wave,
} from '../../../lib/argocd/index.js'
import {
  automatedOf,
  backupOf,
  readTargets,
  runWaves,
  syncApp,
  type Backup,
  type DeployTarget,
  type Started,
  type WaveReport,
} from '../../../lib/argocd-stage/index.js'
import type { Clock } from '../../../lib/retry/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { DeploySettings } from './settings.js'

export type { WaveReport, WaveResult } from '../../../lib/argocd-stage/index.js'

/** What the core talks to. */
export interface DeployDeps {
  readonly client: ArgoCdClient
  readonly clock: Clock
  readonly logger: Logger
  /** Hears of the backup as soon as it is recorded, before any sync. */
  readonly onBackup?: (backup: Backup) => void
}

/** How the deploy ended. */
export interface DeployResult {
  waves: WaveReport[]
  /** The revision deployed: the one asked for, or the one every sync reported. */
  revision?: string
  /** Every wave healthy (false in a dry run, which checks nothing). */
  healthy: boolean
  /** The state of every application before anything was synced. */
  backup: Backup
}

/** Deploys the applications `settings` names, wave by wave. */
export async function deploy(
  settings: DeploySettings,
  deps: DeployDeps,
): Promise<DeployResult> {
  const retryDeps = { ...deps, wait: settings.wait }
  const targets = await deps.logger.group('Read the applications', async () => {
    const found = await readTargets(deps.client, settings.selection, retryDeps)
    for (const t of found) {
      const sync = t.automated ? 'automated' : 'manual'
      deps.logger.info(`${t.name}: wave ${t.wave}, ${sync} sync`)
    }
    return found
  })
  const backup = backupOf(
    targets.map((t) => t.app),
    deps.clock.now(),
  )
  deps.onBackup?.(backup)
  const waves = groupByWave(targets)
  if (settings.dryRun) return { ...dryRun(waves, settings, deps), backup }
  const revisions = new Set<string>()
  const start = async (app: DeployTarget): Promise<Started> => {
    if (app.automated) {
      deps.logger.notice(
        `${app.name} syncs automatically; not synced here, waited on like the others`,
        'Automated sync',
      )
      return {
        ...(settings.revision === undefined
          ? {}
          : { expected: settings.revision }),
        operated: false,
      }
    }
    const started = await syncApp(
      deps.client,
      {
        name: app.name,
        ...(settings.revision === undefined
          ? {}
          : { revision: settings.revision }),
        prune: settings.prune,
      },
      retryDeps,
    )
    const expected = settings.revision ?? started.revision
    deps.logger.info(
      `${app.name}: sync started${expected === undefined ? '' : ` to ${shortRevision(expected)}`}`,
    )
    if (expected !== undefined) revisions.add(expected)
    return { ...(expected === undefined ? {} : { expected }), operated: true }
  }
  const reports = await runWaves(waves, start, settings, deps)
  const revision =
    settings.revision ?? (revisions.size === 1 ? [...revisions][0] : undefined)
  return {
    waves: reports,
    ...(revision === undefined ? {} : { revision }),
    healthy: reports.every((r) => r.result === 'healthy'),
    backup,
  }
}

function dryRun(
  waves: Wave<DeployTarget>[],
  settings: DeploySettings,
  deps: DeployDeps,
): Omit<DeployResult, 'backup'> {
  const at =
    settings.revision === undefined
      ? "each application's target revision"
      : shortRevision(settings.revision)
  const count = waves.reduce((n, w) => n + w.members.length, 0)
  const lines = waves.map((w) => {
    const apps = w.members.map((m) =>
      m.automated ? `${m.name} (automated: waited on, not synced)` : m.name,
    )
    return `  wave ${w.wave}: ${apps.join(', ')}`
  })
  deps.logger.info(
    [
      `dry run: would sync ${count} application${count === 1 ? '' : 's'} in ${waves.length} wave${waves.length === 1 ? '' : 's'}, in this order, to ${at}:`,
      ...lines,
    ].join('\n'),
  )
  return {
    waves: waves.map((w) => ({
      wave: w.wave,
      applications: w.members.map((m) => m.name),
      result: 'dry-run',
      synced: [],
      automated: automatedOf(w),
    })),
    ...(settings.revision === undefined ? {} : { revision: settings.revision }),
    healthy: false,
  }
}
