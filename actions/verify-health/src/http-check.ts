// One HTTP target as a health check: each attempt sends one probe (and
// follows redirects when asked) and says whether the answer is healthy,
// worth waiting for, or a mistake waiting will not fix.
import type { HealthCheck } from '../../../lib/health/index.js'
import {
  httpRequest,
  toHttpError,
  type HttpResponse,
} from '../../../lib/http/index.js'
import {
  done,
  failFast,
  retryWith,
  type AttemptOutcome,
} from '../../../lib/retry/index.js'
import { bodyMatches, describeBodyMatch, statusMatches } from './http-expect.js'
import { forAnotherHost, mergeHeaders, probeHeaders } from './http-headers.js'
import { shownUrl, type HttpTarget } from './http-target.js'
import { checkMetricsText } from './metrics-text.js'

/** What an HTTP check talks to; the real ones by default. */
export interface HttpCheckDeps {
  request?: typeof httpRequest
  /** The time a Retry-After date is counted from; Date.now by default. */
  now?: () => number
}

/** Redirects followed at most, per attempt (CASES C41). */
export const maxRedirects = 5

/** A health check probing `target` once per attempt. */
export function httpCheck(
  target: HttpTarget,
  deps: HttpCheckDeps = {},
): HealthCheck {
  const probe: Probe = {
    target,
    headers: mergeHeaders(probeHeaders, target.headers),
    request: deps.request ?? httpRequest,
    now: deps.now ?? Date.now,
  }
  return {
    kind: 'http',
    name: target.name,
    attempt: (_n, signal) => attempt(probe, signal),
  }
}

interface Probe {
  target: HttpTarget
  headers: Record<string, string>
  request: typeof httpRequest
  now: () => number
}

type Outcome = AttemptOutcome<string>

async function attempt(probe: Probe, signal: AbortSignal): Promise<Outcome> {
  const { target } = probe
  let url = target.url
  let headers = probe.headers
  const hops: URL[] = []
  for (;;) {
    const response = await send(probe, url, headers, signal)
    if ('kind' in response) return response
    const location = redirectOf(response, url)
    const wanted = statusMatches(target.expectStatus, response.status)
    if (location === undefined || (wanted && !target.followRedirects)) {
      return judge(probe, response, hops)
    }
    const to = shownUrl(location)
    if (!target.followRedirects) {
      return failFast(
        `${statusLine(response)}, a redirect to ${to}, not followed: set follow-redirects to follow it`,
      )
    }
    if (hops.length === maxRedirects) {
      return failFast(`more than ${maxRedirects} redirects (the last to ${to})`)
    }
    const refused = refusal(target, url, location)
    if (refused !== undefined) return failFast(refused)
    if (location.hostname !== url.hostname) headers = forAnotherHost(headers)
    hops.push(location)
    url = location
  }
}

// The answer, or what a request that got none means for the wait.
async function send(
  probe: Probe,
  url: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<HttpResponse | Outcome> {
  try {
    return await probe.request(url, {
      method: probe.target.method,
      headers,
      tls: probe.target.tls,
      signal,
    })
  } catch (error: unknown) {
    const failure = toHttpError(error, signal, url)
    // The loop's own timeout fired: it reports "timeout after 10 s".
    if (failure.kind === 'aborted') throw failure
    // A certificate does not fix itself by waiting (C42 B).
    if (failure.kind === 'tls') return failFast(failure.message)
    return retryWith(failure.message)
  }
}

// Where a 3xx points, resolved against the URL it answered; undefined
// when the answer is not a redirect.
function redirectOf(response: HttpResponse, base: URL): URL | undefined {
  const location = response.headers.location
  if (response.status < 300 || response.status > 399 || !location) {
    return undefined
  }
  try {
    const url = new URL(location, base)
    url.username = ''
    url.password = ''
    url.hash = ''
    return url
  } catch {
    return undefined
  }
}

// Why a redirect is not followed, if it is not.
function refusal(target: HttpTarget, from: URL, to: URL): string | undefined {
  if (to.protocol !== 'http:' && to.protocol !== 'https:') {
    return `a redirect to ${to.protocol} is not followed`
  }
  if (from.protocol === 'https:' && to.protocol === 'http:') {
    return `a redirect from https to http (${shownUrl(to)}) is not followed`
  }
  const host = to.hostname
  if (host === target.url.hostname || target.redirectHosts.includes(host)) {
    return undefined
  }
  return `a redirect to another host, ${host} (${shownUrl(to)}), is not followed: add it to redirect-hosts to allow it`
}

// Whether the last answer is healthy: its status, then its body.
function judge(probe: Probe, response: HttpResponse, hops: URL[]): Outcome {
  const { target } = probe
  const line = statusLine(response)
  const last = hops.at(-1)
  const where =
    last === undefined
      ? ''
      : ` after ${hops.length} redirect${hops.length === 1 ? '' : 's'}, at ${shownUrl(last)}`
  if (!statusMatches(target.expectStatus, response.status)) {
    if (response.status === 405 && target.method === 'HEAD') {
      return failFast('405 Method Not Allowed to HEAD — use GET')
    }
    const busy = response.status === 429 || response.status === 503
    const after = busy
      ? retryAfterMs(response.headers['retry-after'], probe.now())
      : undefined
    return retryWith(`${line}${where}`, after)
  }
  if (target.body !== undefined && !bodyMatches(target.body, response.body)) {
    const seen = bodyExcerpt(response)
    const want = describeBodyMatch(target.body)
    return retryWith(`${line}, body does not match ${want} (${seen})${where}`)
  }
  const facts: string[] = []
  if (target.body !== undefined) {
    facts.push(`body matches ${describeBodyMatch(target.body)}`)
  }
  if (target.format === 'prometheus') {
    // A cut body ends in a partial line; only whole lines are checked.
    const body = response.truncated
      ? response.body.slice(0, response.body.lastIndexOf('\n') + 1)
      : response.body
    const metrics = checkMetricsText(body)
    if (!metrics.ok) {
      return retryWith(
        `${line}, not Prometheus text format: ${metrics.problem}${where}`,
      )
    }
    facts.push(`${metrics.samples} samples in Prometheus text format`)
  }
  if (last !== undefined) facts.push(where.trim())
  return done(facts.join('; '), line)
}

/** "503 Service Unavailable": the code and the reason, kept short. */
export function statusLine(response: HttpResponse): string {
  const reason = response.statusText.trim().slice(0, 60)
  return reason === ''
    ? String(response.status)
    : `${response.status} ${reason}`
}

/**
 * A Retry-After header in milliseconds from `now`: delay-seconds or an
 * HTTP date; undefined when absent or unreadable.
 */
export function retryAfterMs(
  header: string | undefined,
  now: number,
): number | undefined {
  const value = header?.trim()
  if (value === undefined || value === '') return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1_000
  // Date.parse also reads "12.5" or "-1" as dates; an HTTP date names its day.
  if (!/^[a-z]{3},/i.test(value)) return undefined
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

// The start of a body, for a reason: short, on one line.
function bodyExcerpt(response: HttpResponse): string {
  const text = response.body.replace(/\s+/g, ' ').trim()
  if (text === '') return 'empty body'
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text
  const of = response.truncated ? ', the body cut at its first MiB' : ''
  return `starts ${JSON.stringify(cut)}${of}`
}
