// One request to Argo CD, tried again with back-off while its failure may
// pass (a 5xx, a dropped connection, an operation still running) and given
// up at once when it will not (a token refused, an application not found).
import { ArgoCdError } from '../argocd/index.js'
import type { WaitSettings } from '../health/index.js'
import {
  done,
  failFast,
  failureMessage,
  formatAttempt,
  retry,
  retryWith,
  type AttemptOutcome,
  type Clock,
} from '../retry/index.js'
import type { Logger } from '../runner/index.js'

/** What the stage's requests need: a clock, a logger, the back-off. */
export interface RetryDeps {
  readonly clock: Clock
  readonly logger: Logger
  readonly wait: WaitSettings
}

/** An attempt's thrown ArgoCdError as what the retry loop should do. */
export function classify(error: unknown): AttemptOutcome<never> {
  if (error instanceof ArgoCdError) {
    return error.transient ? retryWith(error.message) : failFast(error.message)
  }
  throw error
}

/**
 * Runs `attempt` under the stage's back-off, logging each failed try as
 * "`label`: attempt 1 of 5: …, next in 5 s". Resolves with the value, or
 * rejects with one sentence on why it gave up.
 */
export async function withRetry<T>(
  label: string,
  attempt: (signal: AbortSignal) => Promise<AttemptOutcome<T>>,
  deps: RetryDeps,
): Promise<T> {
  const result = await retry<T>(
    async (_n, signal) => {
      try {
        return await attempt(signal)
      } catch (error: unknown) {
        // A timeout or a cancelled run: the loop reads the signal itself.
        if (signal.aborted) throw error
        return classify(error)
      }
    },
    {
      clock: deps.clock,
      policy: deps.wait.policy,
      attemptTimeoutMs: deps.wait.attemptTimeoutMs,
      onAttempt: (report) => {
        // A first try that works is not worth a line.
        if (report.outcome === 'done' && report.attempt === 1) return
        deps.logger.info(`${label}: ${formatAttempt(report)}`)
      },
    },
  )
  if (result.ok) return result.value
  throw new Error(failureMessage(result, `${label} failed`))
}

/** A request whose answer is all that is wanted, under `withRetry`. */
export function request<T>(
  label: string,
  send: (signal: AbortSignal) => Promise<T>,
  deps: RetryDeps,
): Promise<T> {
  return withRetry(label, async (signal) => done(await send(signal)), deps)
}
