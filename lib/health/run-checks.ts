// Waits on many health checks at once and reports on each: the attempts,
// the last thing seen, and how long it took to become healthy.
import {
  failureMessage,
  formatAttempt,
  waitAll,
  type StopReason,
  type WaitAllOptions,
} from '../retry/index.js'
import type { Logger } from '../runner/index.js'
import type { CheckKind, HealthCheck } from './check.js'

/** How one check ended, as the report and the summary show it. */
export interface CheckReport {
  name: string
  kind: CheckKind
  healthy: boolean
  attempts: number
  /** What the last attempt saw: "200 OK", "503 Service Unavailable", … */
  lastStatus: string
  /** The detail a healthy check ended on, if it gave one. */
  detail?: string
  /** From the start of the wait to the success; absent when unhealthy. */
  timeToHealthyMs?: number
  elapsedMs: number
  stoppedBy: StopReason
  /** One sentence on why it is unhealthy; absent when healthy. */
  failure?: string
}

/** How `runChecks` waits: retry options plus where to log each attempt. */
export type RunChecksOptions = Omit<
  WaitAllOptions<HealthCheck>,
  'onAttempt'
> & { logger: Logger }

/**
 * Runs every check concurrently until each is healthy or has failed,
 * logging every attempt as "<name>: attempt 2 of 5: 503, next in 10 s".
 */
export async function runChecks(
  checks: readonly HealthCheck[],
  options: RunChecksOptions,
): Promise<CheckReport[]> {
  const { logger, ...wait } = options
  const results = await waitAll(
    checks,
    (check, n, signal) => check.attempt(n, signal),
    {
      ...wait,
      onAttempt: (check, report) =>
        logger.info(`${check.name}: ${formatAttempt(report)}`),
    },
  )
  return results.map((r): CheckReport => {
    const base = {
      name: r.target.name,
      kind: r.target.kind,
      attempts: r.attempts,
      lastStatus: r.reason,
      elapsedMs: r.elapsedMs,
      stoppedBy: r.stoppedBy,
    }
    if (r.ok) {
      return {
        ...base,
        healthy: true,
        ...(r.value === '' ? {} : { detail: r.value }),
        timeToHealthyMs: r.elapsedMs,
      }
    }
    return {
      ...base,
      healthy: false,
      failure: failureMessage(r, 'unhealthy'),
    }
  })
}
