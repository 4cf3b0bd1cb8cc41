import { httpStatus } from './errors.js'

/** How to create one thing through a POST without making it twice. */
export interface CreateOnce<T> {
  /** Attempts in all, at least 1. */
  attempts: number
  /**
   * Makes the request. It must pass `noRetry` as its `request` option, so
   * the retry plugin does not repeat the POST on its own.
   */
  create: (noRetry: { retries: 0 }) => Promise<T>
  /** Looks for what an attempt that failed late may have made anyway. */
  find: () => Promise<T | undefined>
  /** Milliseconds to wait before attempt n (1-based); for tests. */
  delayMs?: (attempt: number) => number
}

/**
 * Creates something at most once. A 5xx or a dropped connection can come
 * after GitHub has done the work, so a blind retry of a POST makes a second
 * release, issue or asset; instead each failed attempt is followed by a
 * look for its result, and only when there is none is the POST tried again.
 * Other errors (4xx) are the caller's to read and are thrown at once.
 */
export async function createOnce<T>(options: CreateOnce<T>): Promise<T> {
  const delay = options.delayMs ?? ((n) => Math.min(1000 * 2 ** (n - 2), 8000))
  for (let attempt = 1; ; attempt++) {
    try {
      return await options.create({ retries: 0 })
    } catch (error: unknown) {
      const status = httpStatus(error)
      const transient = status === undefined || status >= 500
      if (!transient) throw error
      const found = await options.find()
      if (found !== undefined) return found
      if (attempt >= Math.max(1, options.attempts)) throw error
      await new Promise((resolve) => setTimeout(resolve, delay(attempt + 1)))
    }
  }
}
