// A per-attempt timeout on the injected clock, like AbortSignal.timeout(),
// so a fake clock decides when an attempt times out.
import { abortReason, type Clock } from './clock.js'
import { formatDuration } from './format.js'

/** An attempt that ran out of time. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError'
  constructor(readonly ms: number) {
    super(`timeout after ${formatDuration(ms)}`)
  }
}

/** A signal that aborts on timeout, and the means to stop its timer. */
export interface TimeoutSignal {
  signal: AbortSignal
  /** Stops the timer; call it once the attempt is over. */
  clear(): void
}

// The timers behind these signals, so FakeClock.run can tell "an attempt
// is in flight" from "a back-off wait is pending".
const guards = new WeakSet<AbortSignal>()

/** @internal Whether `signal` cancels the timer of a timeoutSignal. */
export function isTimeoutTimer(signal: AbortSignal | undefined): boolean {
  return signal !== undefined && guards.has(signal)
}

/**
 * A signal that aborts with a TimeoutError after `ms` on `clock`, or with
 * the parent's reason as soon as `parent` aborts.
 */
export function timeoutSignal(
  clock: Clock,
  ms: number,
  parent?: AbortSignal,
): TimeoutSignal {
  const controller = new AbortController()
  const timer = new AbortController()
  guards.add(timer.signal)
  const onParentAbort = (): void => {
    if (parent) controller.abort(abortReason(parent))
    timer.abort()
  }
  if (parent?.aborted) onParentAbort()
  else {
    parent?.addEventListener('abort', onParentAbort, { once: true })
    clock.sleep(ms, timer.signal).then(
      () => controller.abort(new TimeoutError(ms)),
      () => undefined,
    )
  }
  return {
    signal: controller.signal,
    clear: () => {
      parent?.removeEventListener('abort', onParentAbort)
      timer.abort()
    },
  }
}
