// A PromQL query as a health check: each attempt asks Prometheus' instant
// query API and holds every sample to the query's threshold.
import type { HealthCheck } from '../../../lib/health/index.js'
import {
  HttpError,
  httpRequest,
  type HttpResponse,
  type TlsOptions,
} from '../../../lib/http/index.js'
import {
  done,
  errorReason,
  failFast,
  retryWith,
  type AttemptOutcome,
} from '../../../lib/retry/index.js'
import type { PrometheusQuery } from './prometheus-query.js'

/** Where the Prometheus API is and how to reach it. */
export interface PrometheusCheckOptions {
  /** The server; a path prefix (`/prometheus`) is kept. */
  url: URL
  /** Sent with every query (an Authorization); never shown anywhere. */
  headers?: Record<string, string>
  tls?: TlsOptions
  /** httpRequest by default. */
  request?: typeof httpRequest
}

/** A health check that is healthy while every sample keeps its threshold. */
export function prometheusCheck(
  query: PrometheusQuery,
  options: PrometheusCheckOptions,
): HealthCheck {
  const request = options.request ?? httpRequest
  const endpoint = queryUrl(options.url, query.query)
  const headers = { ...options.headers }
  if (!Object.keys(headers).some((key) => key.toLowerCase() === 'accept')) {
    headers['accept'] = 'application/json'
  }
  return {
    kind: 'prometheus',
    name: `prometheus/${query.name}`,
    async attempt(_n, signal) {
      let response: HttpResponse
      try {
        response = await request(endpoint, {
          headers,
          ...(options.tls === undefined ? {} : { tls: options.tls }),
          signal,
        })
      } catch (error: unknown) {
        return requestFailure(error, signal)
      }
      return judge(query, response, endpoint)
    },
  }
}

function queryUrl(base: URL, query: string): URL {
  const url = new URL(base.href)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/api/v1/query`
  url.hash = ''
  url.searchParams.set('query', query)
  return url
}

// A certificate problem is a configuration problem: waiting cannot fix it.
function requestFailure(
  error: unknown,
  signal: AbortSignal,
): AttemptOutcome<string> {
  // Rethrown so the loop reports its own timeout, not a failure of ours.
  if (signal.aborted) throw error
  if (!(error instanceof HttpError)) return retryWith(errorReason(error))
  if (error.kind === 'aborted') throw error
  if (error.kind === 'connection') return retryWith(error.message)
  return failFast(error.message)
}

/** One sample: its labels and its value as Prometheus wrote it. */
interface Sample {
  labels: Record<string, string>
  text: string
}

function judge(
  query: PrometheusQuery,
  response: HttpResponse,
  endpoint: URL,
): AttemptOutcome<string> {
  const status = `${response.status} ${response.statusText}`.trim()
  const body = parseJson(response.body)
  const apiError = prometheusError(body)
  if (response.status >= 500 || response.status === 429) {
    return retryWith(apiError ? `${status}: ${apiError}` : status)
  }
  if (response.status >= 400) {
    if (apiError) return failFast(`Prometheus refused the query: ${apiError}`)
    if (response.status === 404) {
      return failFast(`${status}: no Prometheus API at ${endpoint.pathname}`)
    }
    return failFast(status)
  }
  const samples = response.status < 300 ? readSamples(body) : undefined
  if (samples === undefined) {
    return failFast(`${status}, but not an answer of the Prometheus query API`)
  }
  if (typeof samples === 'string') return failFast(samples)
  return holdToThreshold(query, samples)
}

function holdToThreshold(
  query: PrometheusQuery,
  samples: Sample[],
): AttemptOutcome<string> {
  if (samples.length === 0) {
    return query.allowEmpty
      ? done('', `${query.name}: no samples, allowed`)
      : retryWith(`${query.name}: no samples`)
  }
  const several = samples.length > 1
  const failing = samples.filter((s) => !keeps(query, sampleValue(s.text)))
  const [first] = failing
  if (first !== undefined) {
    const value = sampleValue(first.text)
    const why = Number.isNaN(value)
      ? 'not a number'
      : query.below !== undefined && !(value < query.below)
        ? `not below ${query.below}`
        : `not above ${query.above}`
    const more = failing.length > 1 ? ` (and ${failing.length - 1} more)` : ''
    const label = several ? seriesName(query.name, first.labels) : query.name
    return retryWith(`${label} ${first.text}, ${why}${more}`)
  }
  const bounds = [
    ...(query.above === undefined ? [] : [`> ${query.above}`]),
    ...(query.below === undefined ? [] : [`< ${query.below}`]),
  ].join(' and ')
  if (!several) {
    const [only] = samples as [Sample]
    return done('', `${query.name} ${only.text} ${bounds}`)
  }
  return done('', `${query.name}: ${samples.length} series, all ${bounds}`)
}

function keeps(query: PrometheusQuery, value: number): boolean {
  if (Number.isNaN(value)) return false
  if (query.below !== undefined && !(value < query.below)) return false
  return query.above === undefined || value > query.above
}

// Prometheus writes sample values as strings in Go's float format.
function sampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity
  if (text === '-Inf') return -Infinity
  return text === 'NaN' ? NaN : Number(text)
}

function seriesName(name: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels)
    .filter(([key]) => key !== '__name__')
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`
}

// The samples of a success, a sentence when the result cannot be judged,
// or undefined when the body is not the API's answer at all.
function readSamples(body: unknown): Sample[] | string | undefined {
  if (!isRecord(body) || body['status'] !== 'success') return undefined
  const data = body['data']
  if (!isRecord(data)) return undefined
  const type = data['resultType']
  const result = data['result']
  if (typeof type !== 'string') return undefined
  if (type === 'scalar') {
    const text = secondOf(result)
    return typeof text === 'string' ? [{ labels: {}, text }] : undefined
  }
  if (type === 'vector' && Array.isArray(result)) {
    const samples: Sample[] = []
    for (const item of result as unknown[]) {
      if (!isRecord(item)) return undefined
      const text = secondOf(item['value'])
      if (typeof text !== 'string') return undefined
      samples.push({ labels: labelsOf(item['metric']), text })
    }
    return samples
  }
  return `the query gives a ${type}; it must give an instant vector or a scalar`
}

// A sample is [timestamp, "value"].
function secondOf(pair: unknown): unknown {
  return Array.isArray(pair) ? (pair as unknown[])[1] : undefined
}

function labelsOf(metric: unknown): Record<string, string> {
  if (!isRecord(metric)) return {}
  return Object.fromEntries(
    Object.entries(metric).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
}

// {"status":"error","errorType":"bad_data","error":"1:5: parse error: …"}
function prometheusError(body: unknown): string | undefined {
  if (!isRecord(body) || body['status'] !== 'error') return undefined
  const error = body['error']
  if (typeof error !== 'string' || error.trim() === '') return undefined
  const type = body['errorType']
  const text = error.length > 300 ? `${error.slice(0, 297)}...` : error
  return typeof type === 'string' && type !== '' ? `${type}: ${text}` : text
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
