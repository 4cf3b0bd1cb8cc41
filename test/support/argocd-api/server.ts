// The loopback stand-in for the Argo CD API: one node:http server on
// 127.0.0.1 and an ephemeral port, applications with scripted timelines,
// bearer-token auth, a log of every request and faults on demand.
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { ArgoFaults, type ArgoFault } from './faults.js'
import { grpc, grpcError, route, type Reply } from './routes.js'
import { ArgoState } from './state.js'
import type { AppSeed, StepOn } from './types.js'

/** Options for `startArgoCdApi`. */
export interface ArgoCdApiOptions {
  /** The token every request must send as `Bearer`; one is made up when absent. */
  token?: string
  /** Applications to start with. */
  apps?: AppSeed[]
  /** The clock behind timestamps, in ms (a FakeClock's `now` fits). */
  now?: () => number
  /** When scripts move on; on each GET of an application by default. */
  stepOn?: StepOn
}

/** One request the stand-in received, and the status it answered. */
export interface ArgoRequest {
  method: string
  /** The URL path, without the query. */
  path: string
  /** Every query parameter, each with all its values. */
  query: Record<string, string[]>
  headers: http.IncomingHttpHeaders
  /** The parsed JSON body; undefined when there is none. */
  body: unknown
  /** Undefined while the request hangs, or when the connection was dropped. */
  status?: number
}

/** A running stand-in. */
export interface ArgoCdApi {
  /** The server URL, e.g. http://127.0.0.1:40123, as ARGOCD_SERVER takes it. */
  url: string
  /** The token it accepts. */
  token: string
  state: ArgoState
  requests: ArgoRequest[]
  faults: ArgoFaults
  /** Stops the server, dropping hung and idle connections at once. */
  close(): Promise<void>
}

/** The token the stand-in accepts when the test names none. */
export const defaultArgoToken = 'argocd-stand-in-token'

/** Starts an Argo CD API stand-in on 127.0.0.1 and an ephemeral port. */
export async function startArgoCdApi(
  options: ArgoCdApiOptions = {},
): Promise<ArgoCdApi> {
  const token = options.token ?? defaultArgoToken
  const state = new ArgoState(options.now ?? Date.now, options.stepOn)
  for (const seed of options.apps ?? []) state.add(seed)
  const faults = new ArgoFaults()
  const requests: ArgoRequest[] = []

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const query: Record<string, string[]> = {}
      for (const [key, value] of url.searchParams) {
        ;(query[key] ??= []).push(value)
      }
      const record: ArgoRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        headers: req.headers,
        body: parseJson(raw),
      }
      requests.push(record)
      const fault = faults.take(record.method, record.path)
      if (fault && 'hang' in fault) return
      if (fault && 'reset' in fault) {
        req.socket.destroy()
        return
      }
      const reply = fault
        ? faultReply(fault)
        : answer(record, url.searchParams, raw)
      record.status = reply.status
      send(res, reply)
    })
  })

  // A stand-in bug becomes a 500 the test sees, never a crashed worker.
  function answer(
    record: ArgoRequest,
    query: URLSearchParams,
    raw: string,
  ): Reply {
    try {
      const refused = checkToken(record.headers, token)
      if (refused) return refused
      if (raw.trim() !== '' && record.body === undefined) {
        return grpcError(grpc.invalidArgument, 'the request body is not JSON')
      }
      const reply = route(record.method, record.path, {
        query,
        body: record.body,
        state,
      })
      return (
        reply ?? {
          status: 404,
          body: { error: 'Not Found', code: 5, message: 'Not Found' },
        }
      )
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error)
      return {
        status: 500,
        body: {
          error: message,
          code: 13,
          message: `stand-in failure: ${message}`,
        },
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    state,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // Hung requests would otherwise keep the server, and jest, alive.
        server.closeAllConnections()
      }),
  }
}

// Argo CD takes its token as a bearer header, or as the argocd.token
// cookie its web UI sets.
function checkToken(
  headers: http.IncomingHttpHeaders,
  token: string,
): Reply | undefined {
  const bearer = /^bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]
  const cookie = /(?:^|;\s*)argocd\.token=([^;]+)/.exec(
    headers.cookie ?? '',
  )?.[1]
  const sent = bearer ?? cookie
  if (sent === undefined) {
    return grpcError(grpc.unauthenticated, 'no session information')
  }
  if (sent !== token) {
    return grpcError(
      grpc.unauthenticated,
      'invalid session: token signature is invalid',
    )
  }
  return undefined
}

function faultReply(fault: Extract<ArgoFault, { status: number }>): Reply {
  const headers: Record<string, string> = {}
  if (fault.retryAfter !== undefined) {
    headers['retry-after'] = String(fault.retryAfter)
  }
  if (fault.body !== undefined) {
    return { status: fault.status, body: fault.body, headers }
  }
  const message = http.STATUS_CODES[fault.status] ?? 'Error'
  return {
    status: fault.status,
    body: { error: message, code: 14, message },
    headers,
  }
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return undefined
  }
}

// A string body goes as text (a proxy's page); anything else as JSON.
function send(res: http.ServerResponse, reply: Reply): void {
  const text = typeof reply.body === 'string'
  const payload = Buffer.from(
    text ? (reply.body as string) : JSON.stringify(reply.body),
  )
  res.writeHead(reply.status, {
    ...reply.headers,
    'content-type': text ? 'text/plain; charset=utf-8' : 'application/json',
    'content-length': String(payload.length),
  })
  res.end(payload)
}
