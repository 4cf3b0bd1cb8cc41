// The `http-targets` input: one URL a line, or a YAML list of URLs and
// maps that say more about a target. Every target is checked here, before
// any request, and carries the stage-wide settings it did not override.
import { isSeq, parseDocument } from 'yaml'
import type { TlsOptions } from '../../../lib/http/index.js'
import { ConfigError } from '../../../lib/runner/index.js'
import {
  parseBodyMatch,
  parseExpectStatus,
  type BodyMatch,
  type StatusMatcher,
} from './http-expect.js'
import { headerProblem, mergeHeaders } from './http-headers.js'

/** The methods a probe may use: HEAD only when asked (C69). */
export type HttpMethod = 'GET' | 'HEAD'

/** A format the body must be in. */
export type BodyFormat = 'prometheus'

/** What every target gets unless it says otherwise: the stage-wide inputs. */
export interface HttpDefaults {
  method: HttpMethod
  expectStatus: StatusMatcher
  followRedirects: boolean
  body?: BodyMatch
  headers: Record<string, string>
  tls: TlsOptions
  format?: BodyFormat
}

/** One HTTP endpoint to probe until it is healthy. */
export interface HttpTarget {
  /** `GET https://host/health` unless named: never a query or credentials. */
  name: string
  url: URL
  method: HttpMethod
  expectStatus: StatusMatcher
  followRedirects: boolean
  /** Hosts a redirect may go to besides the URL's own, lower case. */
  redirectHosts: string[]
  body?: BodyMatch
  /** Sent with every probe; values are secrets as far as messages go. */
  headers: Record<string, string>
  tls: TlsOptions
  format?: BodyFormat
}

const INPUT = 'http-targets'
const KEYS = [
  'url',
  'name',
  'method',
  'expect-status',
  'follow-redirects',
  'redirect-hosts',
  'expect-body',
  'body',
  'headers',
  'format',
]
const SHAPE = `one http(s) URL a line, or a YAML list of URLs and maps with the keys ${KEYS.join(', ')}`

/** Reads the `http-targets` input over the stage-wide `defaults`. */
export function parseHttpTargets(
  text: string,
  defaults: HttpDefaults,
): HttpTarget[] {
  const targets: HttpTarget[] = []
  const names = new Set<string>()
  for (const { value, item } of readItems(text)) {
    const target = readTarget(value, item, defaults)
    if (names.has(target.name)) {
      throw new ConfigError(
        INPUT,
        target.name,
        `${item}: a target named once only; give one of them its own \`name\``,
      )
    }
    names.add(target.name)
    targets.push(target)
  }
  return targets
}

/** A URL for messages: no credentials, and `?…` for a query (it may hold a token). */
export function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}${url.search === '' ? '' : '?…'}`
}

interface Item {
  value: unknown
  /** Where it was written: "item 2", "line 3". */
  item: string
}

function readItems(text: string): Item[] {
  // Every scalar as written: `expect-status: 200` is the text "200".
  const doc = parseDocument(text, {
    schema: 'failsafe',
    resolveKnownTags: false,
  })
  const [error] = doc.errors
  if (error === undefined && isSeq(doc.contents)) {
    const list = doc.toJS() as unknown[]
    return list.map((value, i) => ({ value, item: `item ${i + 1}` }))
  }
  // URLs never start a line with `-` or `[`, so this was meant as YAML.
  if (error !== undefined && /^\s*[-[]/.test(firstLine(text))) {
    // Not the text itself: it may hold header values.
    const line = error.linePos?.[0].line
    const reason = error.message.split('\n')[0] ?? error.message
    const at = line === undefined ? 'YAML' : `YAML, line ${line}`
    throw new ConfigError(INPUT, `(${at})`, `${SHAPE} (${reason})`)
  }
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (line === '' || line.startsWith('#')) return []
    return [{ value: line, item: `line ${i + 1}` }]
  })
}

function firstLine(text: string): string {
  const lines = text.split(/\r?\n/)
  return lines.find((l) => l.trim() !== '' && !/^\s*#/.test(l)) ?? ''
}

function readTarget(
  value: unknown,
  item: string,
  defaults: HttpDefaults,
): HttpTarget {
  const bad = (got: string, expected: string): ConfigError =>
    new ConfigError(INPUT, got, `${item}: ${expected}`)
  if (typeof value === 'string') value = { url: value }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw bad(Array.isArray(value) ? '(a list)' : '(nothing)', SHAPE)
  }
  const entry = value as Record<string, unknown>
  for (const key of Object.keys(entry)) {
    if (!KEYS.includes(key)) throw bad(key, unknownKey(key))
  }
  const text = (key: string): string | undefined => {
    const found = entry[key]
    if (found === undefined || typeof found === 'string') return found
    throw bad(key, `\`${key}\` as a single value`)
  }

  const url = readUrl(entry['url'], bad)
  const method = (text('method') ?? defaults.method).toUpperCase()
  if (method !== 'GET' && method !== 'HEAD') {
    throw bad(method, '`method` GET or HEAD')
  }
  const statusText = listText(entry['expect-status'], 'expect-status', bad)
  // `expect-body` as the stage-wide input is called; `body` for short.
  if (entry['expect-body'] !== undefined && entry['body'] !== undefined) {
    throw bad('body', 'either `expect-body` or `body`, not both')
  }
  const bodyText = text('expect-body') ?? text('body')
  const body =
    bodyText === undefined
      ? defaults.body
      : parseBodyMatch(INPUT, bodyText, item)
  const format = text('format') ?? defaults.format
  if (format !== undefined && format !== 'prometheus') {
    throw bad(format, '`format` prometheus (the text exposition format)')
  }
  if (method === 'HEAD' && (body !== undefined || format !== undefined)) {
    throw bad(
      method,
      'GET to match the body or check its format: a HEAD answer has none',
    )
  }
  const name = text('name')?.trim() || `${method} ${url.origin}${url.pathname}`
  return {
    name,
    url,
    method,
    expectStatus:
      statusText === undefined
        ? defaults.expectStatus
        : parseExpectStatus(INPUT, statusText, item),
    followRedirects:
      readBoolean(text('follow-redirects'), bad) ?? defaults.followRedirects,
    redirectHosts: readHosts(entry['redirect-hosts'], bad),
    ...(body === undefined ? {} : { body }),
    headers: mergeHeaders(defaults.headers, readHeaders(entry['headers'], bad)),
    tls: defaults.tls,
    ...(format === undefined ? {} : { format }),
  }
}

type Bad = (got: string, expected: string) => ConfigError

function unknownKey(key: string): string {
  const plain = (k: string): string => k.toLowerCase().replace(/[-_]/g, '')
  const meant = KEYS.find((k) => plain(k) === plain(key))
  const hint = meant === undefined ? '' : ` (\`${meant}\`?)`
  return `keys from ${KEYS.join(', ')}${hint}`
}

function readUrl(value: unknown, bad: Bad): URL {
  const want = 'a `url`: an absolute http:// or https:// URL'
  if (typeof value !== 'string' || value.trim() === '') throw bad('', want)
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw bad(hideSecrets(value), want)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw bad(hideSecrets(value), want)
  }
  if (url.username !== '' || url.password !== '') {
    throw bad(
      hideSecrets(value),
      'a URL without user:password@; send credentials in a header instead (headers: {Authorization: …})',
    )
  }
  url.hash = ''
  return url
}

// A URL as written, for a message: credentials and the query hidden.
function hideSecrets(text: string): string {
  return text.replace(/\/\/[^/?#]*@/, '//***@').replace(/\?[^#]*/, '?…')
}

// A list written as YAML list or as one comma-separated value.
function listText(value: unknown, key: string, bad: Bad): string | undefined {
  if (value === undefined || typeof value === 'string') return value
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.join(',')
  }
  throw bad(key, `\`${key}\` as a value or a list of values`)
}

const TRUE = ['true', 'yes', 'on']
const FALSE = ['false', 'no', 'off']

function readBoolean(text: string | undefined, bad: Bad): boolean | undefined {
  if (text === undefined) return undefined
  if (TRUE.includes(text.toLowerCase())) return true
  if (FALSE.includes(text.toLowerCase())) return false
  throw bad(text, '`follow-redirects` true or false')
}

function readHosts(value: unknown, bad: Bad): string[] {
  const text = listText(value, 'redirect-hosts', bad)
  if (text === undefined) return []
  return text.split(',').map((raw) => {
    const host = raw.trim().toLowerCase()
    let parsed: URL | undefined
    try {
      parsed = new URL(`http://${host}`)
    } catch {
      parsed = undefined
    }
    if (parsed?.hostname !== host || parsed.port !== '' || host === '') {
      throw bad(
        raw.trim(),
        '`redirect-hosts` as host names, e.g. auth.example.test: no scheme, port or path',
      )
    }
    return host
  })
}

function readHeaders(value: unknown, bad: Bad): Record<string, string> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw bad('headers', '`headers` as a map of name: value')
  }
  const headers = value as Record<string, unknown>
  const problem = headerProblem(headers)
  // The key only: a value may be a token.
  if (problem !== undefined) throw bad('headers', problem)
  return headers as Record<string, string>
}
