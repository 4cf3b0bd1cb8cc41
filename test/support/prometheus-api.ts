// A loopback stand-in for Prometheus' instant query API (GET
// /api/v1/query), for the Prometheus gate of verify-health: each query
// answers from its own script, poll by poll, and every request is kept.
// The JSON follows the HTTP API page of the Prometheus documentation.
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'

/** One sample of a scripted vector. */
export interface PromSample {
  labels?: Record<string, string>
  /** A number, or the text Prometheus writes: "NaN", "+Inf". */
  value: number | string
}

/** What one query answers. */
export type PromAnswer =
  | { vector: PromSample[] }
  | { scalar: number | string }
  /** A range vector, which an instant query gives for `x[5m]`. */
  | { matrix: PromSample[] }
  /** Prometheus' error JSON; 400 and bad_data unless said. */
  | { error: string; errorType?: string; status?: number }
  /** Any other answer, such as a proxy's page. */
  | { status: number; body: string; contentType?: string }
  /** No answer until the stand-in closes. */
  | { hang: true }

/** One request the stand-in received. */
export interface PromRequest {
  method: string
  path: string
  /** The `query` parameter; undefined when absent. */
  query?: string
  headers: http.IncomingHttpHeaders
}

/** A running stand-in. */
export interface PrometheusApi {
  /** The server URL, with the path prefix when one was asked for. */
  url: URL
  requests: PromRequest[]
  /**
   * Scripts the answers to one query: each request takes the next, the
   * last repeats. A query nobody scripted gives an empty vector, as
   * Prometheus does for a series it has never seen.
   */
  script(query: string, ...answers: PromAnswer[]): void
  /** Stops the server, dropping hung connections at once. */
  close(): Promise<void>
}

/** Options of `startPrometheusApi`. */
export interface PrometheusApiOptions {
  /** Served under this path, as behind a proxy: `/prometheus`. */
  prefix?: string
}

/** Starts the stand-in on 127.0.0.1 and an ephemeral port. */
export async function startPrometheusApi(
  options: PrometheusApiOptions = {},
): Promise<PrometheusApi> {
  const prefix = (options.prefix ?? '').replace(/\/+$/, '')
  const scripts = new Map<string, { answers: PromAnswer[]; next: number }>()
  const requests: PromRequest[] = []

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const query = url.searchParams.get('query') ?? undefined
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      ...(query === undefined ? {} : { query }),
      headers: req.headers,
    })
    if (url.pathname !== `${prefix}/api/v1/query`) {
      return send(res, 404, '404 page not found\n', 'text/plain')
    }
    if (req.method !== 'GET') {
      return send(res, 405, 'Method Not Allowed\n', 'text/plain')
    }
    if (query === undefined || query.trim() === '') {
      return sendJson(res, 400, {
        status: 'error',
        errorType: 'bad_data',
        error:
          'invalid parameter "query": 1:1: parse error: no expression found in input',
      })
    }
    const script = scripts.get(query)
    const answer = script
      ? script.answers[Math.min(script.next++, script.answers.length - 1)]
      : undefined
    reply(res, answer ?? { vector: [] })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: new URL(`http://127.0.0.1:${port}${prefix}`),
    requests,
    script: (query, ...answers) =>
      void scripts.set(query, { answers, next: 0 }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function reply(res: http.ServerResponse, answer: PromAnswer): void {
  const now = Date.now() / 1000
  if ('hang' in answer) return
  if ('vector' in answer || 'matrix' in answer) {
    const vector = 'vector' in answer
    const samples = vector ? answer.vector : answer.matrix
    const result = samples.map((s) => ({
      metric: s.labels ?? {},
      ...(vector
        ? { value: [now, goFloat(s.value)] }
        : {
            values: [
              [now - 60, goFloat(s.value)],
              [now, goFloat(s.value)],
            ],
          }),
    }))
    return success(res, vector ? 'vector' : 'matrix', result)
  }
  if ('scalar' in answer) {
    return success(res, 'scalar', [now, goFloat(answer.scalar)])
  }
  if ('error' in answer) {
    return sendJson(res, answer.status ?? 400, {
      status: 'error',
      errorType: answer.errorType ?? 'bad_data',
      error: answer.error,
    })
  }
  send(res, answer.status, answer.body, answer.contentType ?? 'text/html')
}

function success(
  res: http.ServerResponse,
  resultType: string,
  result: unknown,
): void {
  sendJson(res, 200, { status: 'success', data: { resultType, result } })
}

// Prometheus writes floats with Go's strconv: NaN, +Inf, -Inf, 0.004.
function goFloat(value: number | string): string {
  if (typeof value === 'string') return value
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return '+Inf'
  if (value === -Infinity) return '-Inf'
  return String(value)
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
): void {
  send(res, status, JSON.stringify(body), 'application/json')
}

function send(
  res: http.ServerResponse,
  status: number,
  body: string,
  contentType: string,
): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}
