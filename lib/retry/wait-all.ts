// Several targets waited on at once, each with its own back-off, all under
// one overall deadline: the shape of verify-health and of a deploy wave.
import {
  derivedDeadlineMs,
  resolvePolicy,
  type BackoffPolicy,
} from './backoff.js'
import { realClock } from './clock.js'
import type { AttemptOutcome, AttemptReport } from './outcome.js'
import {
  defaultAttemptTimeoutMs,
  retryFrom,
  type RetryOptions,
  type RetryResult,
} from './retry.js'

/** How `waitAll` waits. */
export interface WaitAllOptions<K> extends Omit<
  RetryOptions,
  'policy' | 'onAttempt'
> {
  /** One policy for all, or one per target. */
  policy?: Partial<BackoffPolicy> | ((target: K) => Partial<BackoffPolicy>)
  /** Hears of every attempt of every target. */
  onAttempt?: (target: K, report: AttemptReport) => void
}

/** How the wait for one target ended. */
export type TargetResult<K, T> = RetryResult<T> & {
  target: K
  /** From the start of the whole wait to the success; absent on failure. */
  timeToHealthyMs?: number
}

/**
 * Checks every target concurrently until each is done or has failed, and
 * returns a result per target, in the order given. Every target shares the
 * start time and the deadline (by default the longest derived one).
 */
export async function waitAll<K, T>(
  targets: readonly K[],
  check: (
    target: K,
    attempt: number,
    signal: AbortSignal,
  ) => Promise<AttemptOutcome<T>> | AttemptOutcome<T>,
  options: WaitAllOptions<K> = {},
): Promise<TargetResult<K, T>[]> {
  const clock = options.clock ?? realClock
  const { policy, onAttempt, ...shared } = options
  const policyOf = (target: K): Partial<BackoffPolicy> =>
    typeof policy === 'function' ? policy(target) : (policy ?? {})
  const timeoutMs = options.attemptTimeoutMs ?? defaultAttemptTimeoutMs
  const deadlineMs =
    options.deadlineMs ??
    Math.max(
      1,
      ...targets.map((t) =>
        derivedDeadlineMs(resolvePolicy(policyOf(t)), timeoutMs),
      ),
    )
  const startedAt = clock.now()
  return Promise.all(
    targets.map(async (target): Promise<TargetResult<K, T>> => {
      const result = await retryFrom<T>(
        (attempt, signal) => check(target, attempt, signal),
        {
          ...shared,
          clock,
          deadlineMs,
          policy: policyOf(target),
          onAttempt: onAttempt && ((report) => onAttempt(target, report)),
        },
        startedAt,
      )
      return result.ok
        ? { ...result, target, timeToHealthyMs: result.elapsedMs }
        : { ...result, target }
    }),
  )
}
