// The loopback stand-in for the GitHub REST API: one node:http server on
// 127.0.0.1, an ephemeral port, state per repository, a log of every
// request and faults on demand. It writes nothing to stdout.
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultQueue, faultReply } from './faults.js'
import {
  json,
  notFound,
  type BaseUrls,
  type Reply,
  type Route,
} from './route.js'
import { gitRoutes } from './routes-git.js'
import { issueRoutes } from './routes-issues.js'
import { pullFileRoutes } from './routes-pull-files.js'
import { pullRoutes } from './routes-pulls.js'
import { releaseRoutes } from './routes-releases.js'
import { ApiState } from './state.js'

/** Options for `startGitHubApi`. */
export interface GitHubApiOptions {
  /** When set, requests must send `authorization: token|Bearer <token>`. */
  token?: string
  /** The clock behind created_at and friends; the real one by default. */
  now?: () => Date
  /**
   * Tells whether `ancestor` is reachable from `descendant`, so ref updates
   * without `force` can be refused as GitHub does (`GitRepo.isAncestor`
   * fits). Without it every ref update is taken as a fast forward.
   */
  isAncestor?: (ancestor: string, descendant: string) => boolean
}

/** One request the stand-in received, and the status it answered. */
export interface RecordedRequest {
  method: string
  /** The URL path, without the query. */
  path: string
  query: Record<string, string>
  headers: http.IncomingHttpHeaders
  /** The parsed JSON body; undefined for uploads and bodiless requests. */
  body: unknown
  /** The body's length in bytes (the asset's size, for an upload). */
  bytes: number
  /** Undefined while the request hangs. */
  status?: number
}

/** A running stand-in. */
export interface GitHubApi {
  /** The REST root, for GITHUB_API_URL and Octokit's `baseUrl`. */
  url: string
  /** The web root, for GITHUB_SERVER_URL (`<url>/web`). */
  serverUrl: string
  /** The uploads root (`<url>/uploads`), for Octokit's upload `baseUrl`. */
  uploadsUrl: string
  state: ApiState
  requests: RecordedRequest[]
  faults: FaultQueue
  /** Stops the server, dropping hung and idle connections at once. */
  close(): Promise<void>
}

const routes: Route[] = [
  ...releaseRoutes,
  ...gitRoutes,
  ...issueRoutes,
  ...pullFileRoutes,
  ...pullRoutes,
]

/** Starts a GitHub REST API stand-in on 127.0.0.1 and an ephemeral port. */
export async function startGitHubApi(
  options: GitHubApiOptions = {},
): Promise<GitHubApi> {
  const state = new ApiState(options.now, options.isAncestor)
  const faults = new FaultQueue()
  const requests: RecordedRequest[] = []
  const urls: BaseUrls = { api: '', web: '', uploads: '' }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      const url = new URL(req.url ?? '/', urls.api)
      const method = req.method ?? 'GET'
      const upload = url.pathname.startsWith('/uploads/')
      const record: RecordedRequest = {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: upload ? undefined : parseJson(raw),
        bytes: raw.length,
      }
      requests.push(record)
      const reply = answerSafely(record, url, raw)
      if (reply === 'hang') return
      record.status = reply.status
      send(res, reply)
    })
  })

  // A stand-in bug (or a malformed %-escape) becomes a 500 the test sees,
  // never an exception that takes the jest worker down.
  function answerSafely(
    record: RecordedRequest,
    url: URL,
    raw: Buffer,
  ): Reply | 'hang' {
    try {
      return answer(record, url, raw)
    } catch (error: unknown) {
      const message = error instanceof Error ? error.message : String(error)
      return json(500, { message: `stand-in failure: ${message}` })
    }
  }

  function answer(
    record: RecordedRequest,
    url: URL,
    raw: Buffer,
  ): Reply | 'hang' {
    const { method, path } = record
    const web = path.startsWith('/web/')
    if (options.token !== undefined && !web) {
      const auth = record.headers.authorization ?? ''
      const match = /^(?:token|bearer) (.+)$/i.exec(auth)
      if (match?.[1] !== options.token) {
        return json(401, {
          message: 'Bad credentials',
          documentation_url: 'https://docs.github.com/rest',
          status: '401',
        })
      }
    }
    const fault = faults.take(method, path)
    if (fault) return faultReply(fault, path)
    const upload = path.startsWith('/uploads/')
    if (raw.length > 0 && record.body === undefined && !upload) {
      return json(400, { message: 'Problems parsing JSON' })
    }
    for (const r of routes) {
      const found = r.method === method ? r.pattern.exec(path) : null
      if (!found) continue
      const params: Record<string, string> = {}
      r.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '')
      })
      const repo = state.repo(`${params.owner ?? ''}/${params.repo ?? ''}`)
      return r.handle({
        method,
        path,
        params,
        query: url.searchParams,
        headers: record.headers,
        body: record.body,
        raw,
        repo,
        state,
        urls,
      })
    }
    return notFound()
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  urls.api = `http://127.0.0.1:${port}`
  urls.web = `${urls.api}/web`
  urls.uploads = `${urls.api}/uploads`

  return {
    url: urls.api,
    serverUrl: urls.web,
    uploadsUrl: urls.uploads,
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

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined
  try {
    return JSON.parse(raw.toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

function send(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers }
  let payload: Buffer | undefined = reply.raw
  if (payload === undefined && reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body))
    headers['content-type'] = 'application/json; charset=utf-8'
  }
  if (payload !== undefined) headers['content-length'] = String(payload.length)
  res.writeHead(reply.status, headers)
  res.end(payload)
}
