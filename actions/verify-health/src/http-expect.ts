// What a healthy HTTP answer looks like: the statuses expected (`200,204`,
// `2xx`, `200-299`) and, optionally, something its body must hold (a
// substring, or `/regex/flags`). Read once from the inputs, used on every
// attempt.
import { ConfigError } from '../../../lib/runner/index.js'

/** The statuses that count as healthy. */
export interface StatusMatcher {
  /** As written, tidied, for messages: "2xx", "200,204". */
  readonly text: string
  /** Inclusive ranges of codes. */
  readonly ranges: readonly (readonly [number, number])[]
}

/** What the body must hold: a substring, or a match of a regex. */
export type BodyMatch = { readonly text: string } | { readonly regex: RegExp }

const STATUS_SHAPE =
  'status codes and classes separated by commas, e.g. `200,204`, `2xx` or `200-299` (codes 100 to 599)'

/** Any 2xx: what a health endpoint answers when it is healthy. */
export const anySuccess: StatusMatcher = { text: '2xx', ranges: [[200, 299]] }

/**
 * Reads an expected-status list; a ConfigError names `input`, quotes the
 * text and says where it was (`item`, e.g. "item 2") when given.
 */
export function parseExpectStatus(
  input: string,
  text: string,
  item?: string,
): StatusMatcher {
  const matcher = statusList(text)
  if (matcher === undefined) {
    throw new ConfigError(input, text, withItem(STATUS_SHAPE, item))
  }
  return matcher
}

function statusList(text: string): StatusMatcher | undefined {
  const items = text.split(',').map((item) => item.trim())
  const ranges: [number, number][] = []
  for (const item of items) {
    const range = statusRange(item)
    if (range === undefined) return undefined
    ranges.push(range)
  }
  return { text: items.join(','), ranges }
}

function statusRange(item: string): [number, number] | undefined {
  const group = /^([1-5])xx$/i.exec(item)?.[1]
  if (group !== undefined)
    return [Number(group) * 100, Number(group) * 100 + 99]
  const span = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(item)
  if (span === null) return undefined
  const low = Number(span[1])
  const high = Number(span[2] ?? span[1])
  return low >= 100 && high <= 599 && low <= high ? [low, high] : undefined
}

/** Whether `status` is one of the expected ones. */
export function statusMatches(matcher: StatusMatcher, status: number): boolean {
  return matcher.ranges.some(([low, high]) => status >= low && status <= high)
}

// g and y make RegExp.test start where the last match ended, so one
// attempt's result would depend on the one before.
const REGEX_FLAGS = /^[dimsuv]*$/

/**
 * Reads a body match: `/regex/flags` is a regular expression, anything
 * else a substring. A ConfigError names `input` and `item` as above.
 */
export function parseBodyMatch(
  input: string,
  text: string,
  item?: string,
): BodyMatch {
  if (text === '') {
    throw new ConfigError(
      input,
      text,
      withItem('a substring or a /regex/', item),
    )
  }
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(text)
  if (literal === null) return { text }
  const [, source = '', flags = ''] = literal
  if (!REGEX_FLAGS.test(flags)) {
    const want = 'a /regex/ with flags from d, i, m, s, u, v (not g or y)'
    throw new ConfigError(input, text, withItem(want, item))
  }
  try {
    return { regex: new RegExp(source, flags) }
  } catch (error: unknown) {
    const reason = (error as { message?: unknown }).message
    const want = `a valid /regex/ (${String(reason)})`
    throw new ConfigError(input, text, withItem(want, item))
  }
}

/** Whether the body holds what `match` asks for. */
export function bodyMatches(match: BodyMatch, body: string): boolean {
  if ('text' in match) return body.includes(match.text)
  // A regular expression can take time quadratic in the text (`.*x.*y`)
  // and runs on the event loop, where no timeout can stop it: it sees the
  // start of the body only, which is where a health answer says its state.
  return match.regex.test(body.slice(0, REGEX_BODY_CHARS))
}

/** How much of a body a `/regex/` sees: 16 Ki characters. */
export const REGEX_BODY_CHARS = 16 * 1024

/** The match for a message: `"status":"ok"` quoted, or `/ok|ready/i`. */
export function describeBodyMatch(match: BodyMatch): string {
  return 'text' in match ? JSON.stringify(match.text) : String(match.regex)
}

function withItem(expected: string, item: string | undefined): string {
  return item === undefined ? expected : `${item}: ${expected}`
}
