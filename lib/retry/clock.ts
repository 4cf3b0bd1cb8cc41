// The time source of every stage that waits. Stages take a Clock as an
// argument, so tests can pass a FakeClock and assert a schedule exactly.

/** Where a waiting stage reads the time and sleeps. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
  /**
   * Resolves after `ms` milliseconds; rejects with the signal's reason as
   * soon as `signal` aborts, so a cancelled run stops waiting at once.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** The reason an aborted signal gives, always as an Error. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  if (reason instanceof Error) return reason
  const error = new Error(typeof reason === 'string' ? reason : 'aborted')
  error.name = 'AbortError'
  return error
}

/** The process's own clock: Date.now() and setTimeout. */
export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal))
        return
      }
      const onAbort = (): void => {
        clearTimeout(timer)
        if (signal) reject(abortReason(signal))
      }
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        // setTimeout takes at most 2^31 − 1 ms and fires at once past it.
        Math.min(Math.max(0, ms), 2_147_483_647),
      )
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
}
