// The deploy stage's core: reads the applications, orders them in sync
// waves, and wave by wave syncs the manual ones and waits until every
// application of the wave is Synced and Healthy at the target revision,
// stopping at the first wave that fails.
import {
  appCheck,
  groupByWave,
  shortRevision,
  type ArgoCdClient,
  type Wave,
} from '../../../lib/argocd/index.js'
import { runChecks, type CheckReport } from '../../../lib/health/index.js'
import type { Clock } from '../../../lib/retry/index.js'
import { errorMessage, type Logger } from '../../../lib/runner/index.js'
import type { DeploySettings } from './settings.js'
import { syncApp } from './sync-app.js'
import { readTargets, type DeployTarget } from './targets.js'

/** What the core talks to. */
export interface DeployDeps {
  readonly client: ArgoCdClient
  readonly clock: Clock
  readonly logger: Logger
}

/** How a wave ended. */
export type WaveResult = 'healthy' | 'failed' | 'not-started' | 'dry-run'

/** One wave, as the outputs and the summary show it. */
export interface WaveReport {
  wave: number
  /** Every application of the wave, by name. */
  applications: string[]
  result: WaveResult
  /** Why it failed, one application after the other. */
  failure?: string
  /** The applications this stage synced. */
  synced: string[]
  /** The applications Argo CD syncs itself: waited on, not synced. */
  automated: string[]
  /** The wait on each application; absent when there was none. */
  checks?: CheckReport[]
}

/** How the deploy ended. */
export interface DeployResult {
  waves: WaveReport[]
  /** The revision deployed: the one asked for, or the one every sync reported. */
  revision?: string
  /** Every wave healthy (false in a dry run, which checks nothing). */
  healthy: boolean
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
  const waves = groupByWave(targets)
  if (settings.dryRun) return dryRun(waves, settings, deps)
  const reports: WaveReport[] = []
  const revisions = new Set<string>()
  for (const wave of waves) {
    const names = wave.members.map((m) => m.name)
    if (reports.some((r) => r.result === 'failed')) {
      reports.push({
        wave: wave.wave,
        applications: names,
        result: 'not-started',
        synced: [],
        automated: automatedOf(wave),
      })
      continue
    }
    const report = await deps.logger.group(
      `Wave ${wave.wave}: ${names.join(', ')}`,
      () => deployWave(wave, settings, deps, revisions),
    )
    reports.push(report)
  }
  const revision =
    settings.revision ?? (revisions.size === 1 ? [...revisions][0] : undefined)
  return {
    waves: reports,
    ...(revision === undefined ? {} : { revision }),
    healthy: reports.every((r) => r.result === 'healthy'),
  }
}

async function deployWave(
  wave: Wave<DeployTarget>,
  settings: DeploySettings,
  deps: DeployDeps,
  revisions: Set<string>,
): Promise<WaveReport> {
  const retryDeps = { ...deps, wait: settings.wait }
  const names = wave.members.map((m) => m.name)
  // Every sync request runs to its end, so none is left retrying.
  const syncs = await Promise.allSettled(
    wave.members.map(async (app) => {
      if (app.automated) {
        deps.logger.notice(
          `${app.name} syncs automatically; not synced here, waited on like the others`,
          'Automated sync',
        )
        return { app, expected: settings.revision, synced: false }
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
      return { app, expected, synced: true }
    }),
  )
  const synced = settled(syncs)
    .filter((s) => s.synced)
    .map((s) => s.app.name)
  const failures = syncs.flatMap((s) =>
    s.status === 'rejected' ? [errorMessage(s.reason)] : [],
  )
  if (failures.length > 0) {
    return {
      wave: wave.wave,
      applications: names,
      result: 'failed',
      failure: failures.join('; '),
      synced,
      automated: automatedOf(wave),
    }
  }
  const checks = settled(syncs).map(({ app, expected }) =>
    appCheck(deps.client, {
      name: app.name,
      ...(expected === undefined ? {} : { expectedRevision: expected }),
      settleMs: settings.settleMs,
      degradedGraceMs: settings.degradedGraceMs,
      clock: deps.clock,
    }),
  )
  const reports = await runChecks(checks, {
    logger: deps.logger,
    clock: deps.clock,
    policy: settings.wait.policy,
    attemptTimeoutMs: settings.wait.attemptTimeoutMs,
    ...(settings.wait.deadlineMs === undefined
      ? {}
      : { deadlineMs: settings.wait.deadlineMs }),
  })
  const unhealthy = reports.filter((r) => !r.healthy)
  return {
    wave: wave.wave,
    applications: names,
    result: unhealthy.length === 0 ? 'healthy' : 'failed',
    ...(unhealthy.length === 0
      ? {}
      : {
          failure: unhealthy
            .map((r) => `${appName(r)}: ${r.failure ?? r.lastStatus}`)
            .join('; '),
        }),
    synced,
    automated: automatedOf(wave),
    checks: reports,
  }
}

function dryRun(
  waves: Wave<DeployTarget>[],
  settings: DeploySettings,
  deps: DeployDeps,
): DeployResult {
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

function automatedOf(wave: Wave<DeployTarget>): string[] {
  return wave.members.filter((m) => m.automated).map((m) => m.name)
}

function settled<T>(results: PromiseSettledResult<T>[]): T[] {
  return results.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
}

// The check's name is `argocd/<app>`; the summary names the application.
function appName(report: CheckReport): string {
  return report.name.replace(/^argocd\//, '')
}
