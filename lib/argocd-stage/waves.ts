// Applications operated on wave by wave: every application of a wave is
// started at once (a sync, a rollback, or nothing when Argo CD syncs it
// itself), then waited on until Synced and Healthy at the revision each
// start named, and the first wave that fails stops the rest.
import { appCheck, type ApplicationReader, type Wave } from '../argocd/index.js'
import {
  runChecks,
  type CheckReport,
  type WaitSettings,
} from '../health/index.js'
import type { Clock } from '../retry/index.js'
import { errorMessage, type Logger } from '../runner/index.js'
import type { DeployTarget } from './targets.js'

/** How a wave ended; `dry-run` when it was only listed. */
export type WaveResult = 'healthy' | 'failed' | 'not-started' | 'dry-run'

/** One wave, as the outputs and the summaries show it. */
export interface WaveReport {
  wave: number
  /** Every application of the wave, by name. */
  applications: string[]
  result: WaveResult
  /** Why it failed, one application after the other. */
  failure?: string
  /** The applications the stage started an operation on. */
  synced: string[]
  /** The applications Argo CD syncs itself. */
  automated: string[]
  /** The wait on each application; absent when there was none. */
  checks?: CheckReport[]
}

/** What starting one application's operation gave. */
export interface Started {
  /** The revision to wait at; any revision when absent. */
  expected?: string
  /** Whether the stage started an operation (not when Argo CD syncs it). */
  operated: boolean
}

/** Starts the operation on one application; rejects with one sentence. */
export type StartOperation<T extends DeployTarget = DeployTarget> = (
  target: T,
) => Promise<Started>

/** How the applications are waited on. */
export interface WaveSettings {
  readonly settleMs: number
  readonly degradedGraceMs: number
  readonly wait: WaitSettings
}

/** What the waves talk to. */
export interface WaveDeps {
  readonly client: ApplicationReader
  readonly clock: Clock
  readonly logger: Logger
}

/** Runs the waves in order, each in a log group; stops at the first failure. */
export async function runWaves<T extends DeployTarget>(
  waves: readonly Wave<T>[],
  start: StartOperation<T>,
  settings: WaveSettings,
  deps: WaveDeps,
): Promise<WaveReport[]> {
  const reports: WaveReport[] = []
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
      () => runWave(wave, start, settings, deps),
    )
    reports.push(report)
  }
  return reports
}

/** The applications of a wave that Argo CD syncs itself. */
export function automatedOf(wave: Wave<DeployTarget>): string[] {
  return wave.members.filter((m) => m.automated).map((m) => m.name)
}

async function runWave<T extends DeployTarget>(
  wave: Wave<T>,
  start: StartOperation<T>,
  settings: WaveSettings,
  deps: WaveDeps,
): Promise<WaveReport> {
  const names = wave.members.map((m) => m.name)
  // Every request runs to its end, so none is left retrying.
  const starts = await Promise.allSettled(
    wave.members.map(async (app) => ({ app, ...(await start(app)) })),
  )
  const started = starts.flatMap((s) =>
    s.status === 'fulfilled' ? [s.value] : [],
  )
  const synced = started.filter((s) => s.operated).map((s) => s.app.name)
  const failures = starts.flatMap((s) =>
    s.status === 'rejected' ? [errorMessage(s.reason)] : [],
  )
  const base = {
    wave: wave.wave,
    applications: names,
    synced,
    automated: automatedOf(wave),
  }
  if (failures.length > 0) {
    return { ...base, result: 'failed', failure: failures.join('; ') }
  }
  const checks = started.map(({ app, expected }) =>
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
  if (unhealthy.length === 0) {
    return { ...base, result: 'healthy', checks: reports }
  }
  return {
    ...base,
    result: 'failed',
    failure: unhealthy
      .map((r) => `${checkedApp(r)}: ${r.failure ?? r.lastStatus}`)
      .join('; '),
    checks: reports,
  }
}

/** The application a check report is about: its name without `argocd/`. */
export function checkedApp(report: CheckReport): string {
  return report.name.replace(/^argocd\//, '')
}
