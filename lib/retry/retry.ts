// The retry loop every waiting stage shares: attempts with back-off, a
// per-attempt timeout and an overall deadline, all on an injected clock.
import {
  backoffDelays,
  derivedDeadlineMs,
  resolvePolicy,
  type BackoffPolicy,
} from './backoff.js'
import { realClock, type Clock } from './clock.js'
import {
  errorReason,
  retryWith,
  type AttemptOutcome,
  type AttemptReport,
  type FailFast,
  type Retry,
  type StopReason,
} from './outcome.js'
import { TimeoutError, timeoutSignal } from './timeout-signal.js'

/** One attempt: gets its number (1-based) and a signal to stop on. */
export type Attempt<T> = (
  attempt: number,
  signal: AbortSignal,
) => Promise<AttemptOutcome<T>> | AttemptOutcome<T>

/** How `retry` waits. */
export interface RetryOptions {
  /** Over the default policy: 5 s, ×2, at most 180 s, 5 attempts. */
  policy?: Partial<BackoffPolicy>
  clock?: Clock
  /**
   * Milliseconds from the start after which no new attempt starts; the
   * wait before it is cut short so the last attempt runs at the deadline.
   * Derived from the policy when absent, so it is always finite.
   */
  deadlineMs?: number
  /** Each attempt is aborted after this long (default 10 s). */
  attemptTimeoutMs?: number
  /** Stops the loop, in an attempt or between attempts. */
  signal?: AbortSignal
  /** Hears of every attempt, with the wait that follows it. */
  onAttempt?: (report: AttemptReport) => void
  /** What a thrown error means; retried with its message by default. */
  classifyError?: (error: unknown) => Retry | FailFast
  /** The source of jitter, when the policy has any. */
  random?: () => number
}

/** How a retry loop ended. */
export type RetryResult<T> = {
  attempts: number
  /** Time from the start to the end of the last attempt. */
  elapsedMs: number
  /** The waits taken between attempts, in order. */
  delays: number[]
  deadlineMs: number
} & (
  | { ok: true; stoppedBy: 'done'; value: T; reason: string }
  | {
      ok: false
      stoppedBy: Exclude<StopReason, 'done'>
      /** The last attempt's reason, or why the loop was cancelled. */
      reason: string
    }
)

/** The default per-attempt timeout: 10 s. */
export const defaultAttemptTimeoutMs = 10_000

/** Runs `attempt` until it is done, fails fast, or attempts or time run out. */
export function retry<T>(
  attempt: Attempt<T>,
  options: RetryOptions = {},
): Promise<RetryResult<T>> {
  const clock = options.clock ?? realClock
  return retryFrom(attempt, options, clock.now())
}

/** @internal The loop, timed from `startedAt` (shared by waitAll). */
export async function retryFrom<T>(
  attempt: Attempt<T>,
  options: RetryOptions,
  startedAt: number,
): Promise<RetryResult<T>> {
  const clock = options.clock ?? realClock
  const policy = resolvePolicy(options.policy)
  const timeoutMs = options.attemptTimeoutMs ?? defaultAttemptTimeoutMs
  checkPositive('attemptTimeoutMs', timeoutMs)
  const deadlineMs = options.deadlineMs ?? derivedDeadlineMs(policy, timeoutMs)
  checkPositive('deadlineMs', deadlineMs)
  const schedule = backoffDelays(policy, options.random)
  const delays: number[] = []
  const { signal } = options
  const elapsed = (): number => clock.now() - startedAt
  const end = (
    stoppedBy: Exclude<StopReason, 'done'>,
    n: number,
    reason: string,
  ): RetryResult<T> => ({
    ok: false,
    stoppedBy,
    reason,
    attempts: n,
    elapsedMs: elapsed(),
    delays,
    deadlineMs,
  })
  let last = false
  for (let n = 1; ; n++) {
    if (signal?.aborted) return end('aborted', n - 1, 'cancelled')
    const outcome = await runAttempt(attempt, n, timeoutMs, options, clock)
    if (outcome === 'aborted') return end('aborted', n, 'cancelled')
    const report: AttemptReport = {
      attempt: n,
      maxAttempts: policy.attempts,
      outcome: outcome.kind,
      reason:
        outcome.kind === 'done' ? (outcome.status ?? 'done') : outcome.reason,
      elapsedMs: elapsed(),
      cutByDeadline: false,
      deadlineMs,
    }
    if (outcome.kind === 'done') {
      options.onAttempt?.({ ...report, stop: 'done' })
      return {
        ok: true,
        stoppedBy: 'done',
        value: outcome.value,
        reason: report.reason,
        attempts: n,
        elapsedMs: report.elapsedMs,
        delays,
        deadlineMs,
      }
    }
    const remaining = startedAt + deadlineMs - clock.now()
    const stop = stopReason(
      outcome.kind,
      n >= policy.attempts,
      last || remaining <= 0,
    )
    if (stop) {
      options.onAttempt?.({ ...report, stop })
      return end(stop, n, report.reason)
    }
    const floor = outcome.kind === 'retry' ? (outcome.afterMs ?? 0) : 0
    let delay = Math.max(schedule[n - 1] ?? 0, floor)
    if (delay >= remaining) {
      delay = remaining
      last = true
    }
    options.onAttempt?.({ ...report, nextDelayMs: delay, cutByDeadline: last })
    try {
      await clock.sleep(delay, signal)
    } catch {
      return end('aborted', n, 'cancelled')
    }
    delays.push(delay)
  }
}

// Why the loop ends after a failed attempt, if it does: fail-fast first,
// then no attempts left, then no time left.
function stopReason(
  kind: 'retry' | 'fail-fast',
  noAttemptsLeft: boolean,
  noTimeLeft: boolean,
): Exclude<StopReason, 'done' | 'aborted'> | undefined {
  if (kind === 'fail-fast') return 'fail-fast'
  if (noAttemptsLeft) return 'attempts'
  if (noTimeLeft) return 'deadline'
  return undefined
}

function checkPositive(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`)
  }
}

// One attempt under its timeout. The race makes an attempt that ignores
// its signal end on time all the same; what it does later is dropped.
async function runAttempt<T>(
  attempt: Attempt<T>,
  n: number,
  timeoutMs: number,
  options: RetryOptions,
  clock: Clock,
): Promise<AttemptOutcome<T> | 'aborted'> {
  const guard = timeoutSignal(clock, timeoutMs, options.signal)
  const stopped = new Promise<never>((_, reject) => {
    guard.signal.addEventListener(
      'abort',
      () => reject(guard.signal.reason as Error),
      { once: true },
    )
  })
  stopped.catch(() => undefined)
  try {
    const running = Promise.resolve().then(() => attempt(n, guard.signal))
    running.catch(() => undefined)
    return await Promise.race([running, stopped])
  } catch (error: unknown) {
    if (options.signal?.aborted) return 'aborted'
    if (guard.signal.reason instanceof TimeoutError) {
      return retryWith(guard.signal.reason.message)
    }
    return options.classifyError?.(error) ?? retryWith(errorReason(error))
  } finally {
    guard.clear()
  }
}
