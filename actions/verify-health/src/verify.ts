// The verify-health stage's core: builds a check per target, waits on them
// all at once, then runs the Prometheus gate if everything is healthy.
import { ArgoCdClient, appCheck } from '../../../lib/argocd/index.js'
import type { CommandRunner } from '../../../lib/command/index.js'
import {
  runChecks,
  type HealthCheck,
  type WaitSettings,
} from '../../../lib/health/index.js'
import type { TlsOptions } from '../../../lib/http/index.js'
import {
  derivedDeadlineMs,
  formatDuration,
  resolvePolicy,
  type Clock,
} from '../../../lib/retry/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { httpCheck } from './http-check.js'
import type { HttpTarget } from './http-target.js'
import { prometheusCheck } from './prometheus-check.js'
import type { PrometheusQuery } from './prometheus-query.js'
import { entryOf, skippedEntry, type ReportEntry } from './report.js'
import { rolloutCheck } from './rollout-check.js'
import type { RolloutTarget } from './rollout-target.js'

/** The Argo CD applications to wait on, and where. */
export interface ArgoCdTargets {
  server: string
  token: string
  applications: string[]
  expectedRevision?: string
  settleMs: number
  degradedGraceMs: number
}

/** The Prometheus gate. */
export interface PrometheusGate {
  url: URL
  token?: string
  queries: PrometheusQuery[]
}

/** Everything verify-health checks, and how it waits. */
export interface VerifySettings {
  http: HttpTarget[]
  argocd?: ArgoCdTargets
  rollouts: RolloutTarget[]
  kubeContext?: string
  prometheus?: PrometheusGate
  /** For Argo CD and Prometheus; HTTP targets carry their own. */
  tls: TlsOptions
  wait: WaitSettings
  dryRun: boolean
}

/** What the core needs from outside, so tests can pass their own. */
export interface VerifyDeps {
  clock: Clock
  logger: Logger
  /** Runs kubectl; lib/command's runCommand by default. */
  run?: CommandRunner
}

/** How the wait ended. */
export interface VerifyResult {
  healthy: boolean
  entries: ReportEntry[]
  elapsedMs: number
}

/** Checks every target, then the gate; never throws for an unhealthy target. */
export async function verifyHealth(
  settings: VerifySettings,
  deps: VerifyDeps,
): Promise<VerifyResult> {
  const { clock, logger } = deps
  const checks = targetChecks(settings, deps)
  const gate = gateChecks(settings)
  const all = [...checks, ...gate]
  if (settings.dryRun) {
    logger.info(
      `dry run: would check ${count(all.length)}, ${waitText(settings.wait)}:`,
    )
    for (const check of all) logger.info(`  ${check.name}`)
    return {
      healthy: false,
      entries: all.map((c) => skippedEntry(c, 'dry run: not checked')),
      elapsedMs: 0,
    }
  }
  const started = clock.now()
  const options = { ...settings.wait, clock, logger }
  const entries: ReportEntry[] = []
  if (checks.length > 0) {
    logger.info(`checking ${count(checks.length)}, ${waitText(settings.wait)}`)
    entries.push(...(await runChecks(checks, options)).map(entryOf))
  }
  if (gate.length > 0) {
    if (entries.every((e) => e.healthy)) {
      logger.info(
        `checking the Prometheus gate: ${gate.length === 1 ? '1 query' : `${gate.length} queries`}`,
      )
      const gated = await runChecks(gate, options)
      entries.push(...gated.map(entryOf))
    } else {
      const why = 'not run: a target is unhealthy'
      entries.push(...gate.map((c) => skippedEntry(c, why)))
    }
  }
  return {
    healthy: entries.every((e) => e.healthy),
    entries,
    elapsedMs: clock.now() - started,
  }
}

function targetChecks(
  settings: VerifySettings,
  deps: VerifyDeps,
): HealthCheck[] {
  const checks: HealthCheck[] = settings.http.map((t) => httpCheck(t))
  const argocd = settings.argocd
  if (argocd !== undefined) {
    const client = new ArgoCdClient({
      server: argocd.server,
      token: argocd.token,
      tls: settings.tls,
    })
    for (const name of argocd.applications) {
      checks.push(
        appCheck(client, {
          name,
          ...(argocd.expectedRevision === undefined
            ? {}
            : { expectedRevision: argocd.expectedRevision }),
          settleMs: argocd.settleMs,
          degradedGraceMs: argocd.degradedGraceMs,
          clock: deps.clock,
        }),
      )
    }
  }
  for (const target of settings.rollouts) {
    checks.push(
      rolloutCheck(target, {
        ...(deps.run === undefined ? {} : { run: deps.run }),
        ...(settings.kubeContext === undefined
          ? {}
          : { context: settings.kubeContext }),
      }),
    )
  }
  return checks
}

function gateChecks(settings: VerifySettings): HealthCheck[] {
  const gate = settings.prometheus
  if (gate === undefined) return []
  const headers: Record<string, string> =
    gate.token === undefined ? {} : { authorization: `Bearer ${gate.token}` }
  return gate.queries.map((q) =>
    prometheusCheck(q, { url: gate.url, headers, tls: settings.tls }),
  )
}

function waitText(wait: WaitSettings): string {
  const p = wait.policy
  const deadlineMs =
    wait.deadlineMs ??
    derivedDeadlineMs(resolvePolicy(p), wait.attemptTimeoutMs)
  const deadline = `a deadline of ${formatDuration(deadlineMs)}`
  return `at most ${p.attempts} attempts each, waits from ${formatDuration(p.baseMs)} ×${p.factor} up to ${formatDuration(p.capMs)}, ${formatDuration(wait.attemptTimeoutMs)} an attempt, ${deadline}`
}

function count(n: number): string {
  return n === 1 ? '1 target' : `${n} targets`
}
