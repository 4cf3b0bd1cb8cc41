// What one attempt says about itself, and what a retry loop reports about
// each attempt, for the stage's log.

/** The attempt succeeded; `status` is what it saw, e.g. "200 OK". */
export interface Done<T> {
  kind: 'done'
  value: T
  status?: string
}

/** The attempt failed in a way that may pass; try again after the wait. */
export interface Retry {
  kind: 'retry'
  /** What went wrong, short: "503 Service Unavailable", "timeout after 10 s". */
  reason: string
  /** Wait at least this long before the next attempt (a Retry-After). */
  afterMs?: number
}

/** The attempt failed in a way waiting will not fix, e.g. a TLS error. */
export interface FailFast {
  kind: 'fail-fast'
  reason: string
}

/** What an attempt returns. */
export type AttemptOutcome<T> = Done<T> | Retry | FailFast

/** An attempt that succeeded with `value`. */
export function done<T>(value: T, status?: string): Done<T> {
  return status === undefined
    ? { kind: 'done', value }
    : { kind: 'done', value, status }
}

/** An attempt to try again, for `reason`, after at least `afterMs` if given. */
export function retryWith(reason: string, afterMs?: number): Retry {
  return afterMs === undefined
    ? { kind: 'retry', reason }
    : { kind: 'retry', reason, afterMs }
}

/** An attempt that ends the wait at once, for `reason`. */
export function failFast(reason: string): FailFast {
  return { kind: 'fail-fast', reason }
}

/** Why a retry loop ended. */
export type StopReason =
  'done' | 'fail-fast' | 'attempts' | 'deadline' | 'aborted'

/** One attempt, as `onAttempt` hears of it. */
export interface AttemptReport {
  /** 1-based. */
  attempt: number
  maxAttempts: number
  outcome: AttemptOutcome<unknown>['kind']
  /** The status of a success, or the reason of a failure. */
  reason: string
  /** Since the loop (or, for waitAll, the whole wait) started. */
  elapsedMs: number
  /** The wait before the next attempt; absent when there is none. */
  nextDelayMs?: number
  /** The wait was shortened to end at the deadline; the next attempt is the last. */
  cutByDeadline: boolean
  /** Set on the last report: why there is no next attempt. */
  stop?: StopReason
  /** The overall deadline, for the log. */
  deadlineMs: number
}

/**
 * A short reason for a thrown error. Node's fetch throws "fetch failed"
 * and keeps what happened ("connect ECONNREFUSED …") in `cause`.
 */
export function errorReason(error: unknown): string {
  // Read by shape, not `instanceof`: errors from another realm (a vm
  // context, Node's own networking under jest) are Errors all the same.
  if (!isErrorLike(error)) return String(error)
  const cause = error.cause
  if (isErrorLike(cause) && cause.message !== '') {
    return error.message === 'fetch failed'
      ? cause.message
      : `${error.message}: ${cause.message}`
  }
  return error.message || (error.name ?? 'error')
}

function isErrorLike(
  value: unknown,
): value is { message: string; name?: string; cause?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  )
}
