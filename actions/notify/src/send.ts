// Posts the body to the webhook with retries: 429 and 5xx are tried again,
// after the server's Retry-After when it sends one; any other answer is
// final. Every line it logs names the host only, never the URL.
import {
  done,
  errorReason,
  failFast,
  failureMessage,
  formatAttempt,
  retry,
  retryWith,
  type AttemptOutcome,
  type Clock,
} from '../../../lib/retry/index.js'
import type { Logger } from '../../../lib/runner/index.js'

/** What to post, where, and how hard to try. */
export interface Delivery {
  /** Secret: only ever passed to fetch. */
  readonly url: string
  readonly host: string
  readonly body: object
  readonly attempts: number
  readonly attemptTimeoutMs: number
}

/** What posting needs from outside: fetch, a clock, a logger. */
export interface SendDeps {
  readonly fetch: typeof fetch
  readonly clock: Clock
  readonly logger: Logger
}

/** How the delivery ended. */
export interface SendResult {
  sent: boolean
  /** The last HTTP status seen; absent when no answer came. */
  statusCode?: number
  attempts: number
  /** Why it was not sent, in one sentence; absent when it was. */
  failure?: string
}

/** The first wait between attempts; it doubles up to `WAIT_CAP_MS`. */
export const FIRST_WAIT_MS = 2_000

/** No wait between attempts, a Retry-After included, is longer than this. */
export const WAIT_CAP_MS = 60_000

/** Posts `delivery.body` as JSON, retrying 429 and 5xx. */
export async function sendNotification(
  delivery: Delivery,
  deps: SendDeps,
): Promise<SendResult> {
  let statusCode: number | undefined
  const attempt = async (
    _n: number,
    signal: AbortSignal,
  ): Promise<AttemptOutcome<number>> => {
    const response = await deps.fetch(delivery.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(delivery.body),
      // A webhook that redirects is misconfigured; following it would send
      // the message (and the next attempts) to a host nobody named.
      redirect: 'manual',
      signal,
    })
    statusCode = response.status
    const answer = (await response.text()).trim().slice(0, 100)
    const reason = hide(
      `HTTP ${response.status}${answer ? ` ${answer}` : ''}`,
      delivery,
    )
    if (response.ok) return done(response.status, `HTTP ${response.status}`)
    if (response.status === 429 || response.status >= 500) {
      const after = retryAfterMs(
        response.headers.get('retry-after'),
        deps.clock.now(),
      )
      return retryWith(reason, after)
    }
    return failFast(reason)
  }
  const result = await retry(attempt, {
    clock: deps.clock,
    attemptTimeoutMs: delivery.attemptTimeoutMs,
    policy: {
      attempts: delivery.attempts,
      baseMs: FIRST_WAIT_MS,
      capMs: WAIT_CAP_MS,
    },
    // Room for every attempt to time out and every wait to be the longest.
    deadlineMs: delivery.attempts * (delivery.attemptTimeoutMs + WAIT_CAP_MS),
    classifyError: (error) => retryWith(hide(errorReason(error), delivery)),
    onAttempt: (report) =>
      deps.logger.info(
        hide(`${delivery.host}: ${formatAttempt(report)}`, delivery),
      ),
  })
  const base = {
    attempts: result.attempts,
    ...(statusCode === undefined ? {} : { statusCode }),
  }
  if (result.ok) return { sent: true, ...base }
  const failure = failureMessage(
    { ...result, reason: hide(result.reason, delivery) },
    `not sent to ${delivery.host}`,
  )
  return { sent: false, ...base, failure }
}

/**
 * Milliseconds a Retry-After header asks to wait, from delta-seconds or an
 * HTTP date, capped at `WAIT_CAP_MS`; undefined when absent or unreadable.
 */
export function retryAfterMs(
  header: string | null,
  now: number,
): number | undefined {
  if (header === null) return undefined
  const value = header.trim()
  let ms: number
  if (/^\d+$/.test(value)) ms = Number(value) * 1_000
  else {
    // Date.parse reads "1.5" or "-5" as dates; an HTTP date names its day.
    const date = /[a-z]{3}/i.test(value) ? Date.parse(value) : NaN
    if (Number.isNaN(date)) return undefined
    ms = Math.max(0, date - now)
  }
  return Math.min(ms, WAIT_CAP_MS)
}

// An error from fetch, or a webhook's answer, may quote the URL or its path
// (the path is the credential). The runner masks the whole URL in the log,
// but not the path alone, and an output or the summary is ours to keep clean.
function hide(text: string, delivery: Delivery): string {
  const { pathname, search } = new URL(delivery.url)
  let shown = text.split(delivery.url).join(delivery.host)
  const secret = `${pathname}${search}`
  if (secret.length > 1) shown = shown.split(secret).join('/…')
  return shown
}
