// The headers of a probe: the target's own over the stage-wide ones, over
// the two every probe sends. Their values are treated as secrets: a
// message may name a header, never show its value.

/** What a probe sends unless the target's headers say otherwise (C69). */
export const probeHeaders: Readonly<Record<string, string>> = {
  Accept: '*/*',
  'User-Agent': 'cortex-actions/verify-health',
}

// Sent only to the host they were meant for, as browsers and curl do.
const CREDENTIALS = ['authorization', 'proxy-authorization', 'cookie', 'host']

// RFC 9110's token: what a header name may be made of.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * Checks headers read from a map; returns what is wrong with the first bad
 * one, naming the header but not its value, or undefined when all are good.
 */
export function headerProblem(
  headers: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) {
      return `header name ${JSON.stringify(name)}: letters, digits and -`
    }
    if (typeof value !== 'string' || /[\r\n\0]/.test(value)) {
      return `header ${name}: a value on one line`
    }
  }
  return undefined
}

/** `base` with `over` on top, names compared without case. */
export function mergeHeaders(
  base: Readonly<Record<string, string>>,
  over: Readonly<Record<string, string>>,
): Record<string, string> {
  const taken = new Set(Object.keys(over).map((k) => k.toLowerCase()))
  const kept = Object.entries(base).filter(([k]) => !taken.has(k.toLowerCase()))
  return { ...Object.fromEntries(kept), ...over }
}

/** Headers for a redirect to another host: credentials and Host left out. */
export function forAnotherHost(
  headers: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([k]) => !CREDENTIALS.includes(k.toLowerCase()),
    ),
  )
}
