// The endpoints of the stand-in: list, get, sync, rollback and managed
// resources, with Argo CD's paths, bodies and error shapes (grpc-gateway
// errors: {error, code, message}, the code a gRPC status code).
import {
  applicationJson,
  applicationListJson,
  managedResourcesJson,
} from './app-json.js'
import { OperationRefused, type AppState } from './app-state.js'
import { parseSelector } from './selector.js'
import type { ArgoState } from './state.js'

/** One request as a route sees it. */
export interface RouteContext {
  params: Record<string, string>
  query: URLSearchParams
  body: unknown
  state: ArgoState
}

/** A JSON answer. */
export interface Reply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

interface Route {
  method: string
  pattern: RegExp
  handle: (ctx: RouteContext) => Reply
}

/** gRPC status codes the stand-in answers with, and their HTTP statuses. */
export const grpc = {
  invalidArgument: { code: 3, http: 400 },
  notFound: { code: 5, http: 404 },
  failedPrecondition: { code: 9, http: 400 },
  unauthenticated: { code: 16, http: 401 },
} as const

/** An error answer in grpc-gateway's shape. */
export function grpcError(
  kind: (typeof grpc)[keyof typeof grpc],
  message: string,
): Reply {
  return {
    status: kind.http,
    body: { error: message, code: kind.code, message },
  }
}

function notFound(name: string): Reply {
  return grpcError(
    grpc.notFound,
    `applications.argoproj.io "${name}" not found`,
  )
}

function fields(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {}
}

// One application, or a 404; reads count as observations.
function withApp(
  ctx: RouteContext,
  step: boolean,
  answer: (app: AppState) => Reply,
): Reply {
  const name = ctx.params.name ?? ''
  const app = ctx.state.find(name)
  if (!app) return notFound(name)
  app.observe(step)
  return answer(app)
}

function list(ctx: RouteContext): Reply {
  // `projects` is today's name; `project` is what older clients send.
  const projects = [
    ...ctx.query.getAll('projects'),
    ...ctx.query.getAll('project'),
  ]
  const name = ctx.query.get('name')
  let matches: (labels: Record<string, string>) => boolean
  try {
    matches = parseSelector(ctx.query.get('selector') ?? '')
  } catch (error: unknown) {
    return grpcError(grpc.invalidArgument, (error as Error).message)
  }
  const apps = ctx.state
    .list()
    .filter((a) => projects.length === 0 || projects.includes(a.project))
    .filter((a) => !name || a.name === name)
    .filter((a) => matches(a.labels))
  for (const app of apps) app.observe(ctx.state.stepOn === 'read')
  return { status: 200, body: applicationListJson(apps, ctx.state.version) }
}

function sync(ctx: RouteContext): Reply {
  return withApp(ctx, false, (app) => {
    const body = fields(ctx.body)
    const revision = typeof body.revision === 'string' ? body.revision : ''
    if (body.dryRun === true) {
      return { status: 200, body: applicationJson(app) }
    }
    return operate(app, () => app.startSync(revision, body.prune === true))
  })
}

function rollback(ctx: RouteContext): Reply {
  return withApp(ctx, false, (app) => {
    const body = fields(ctx.body)
    // int64 travels as a JSON string through grpc-gateway; take either.
    const id = Number(body.id ?? 0)
    if (!Number.isInteger(id)) {
      return grpcError(
        grpc.invalidArgument,
        `invalid history id: ${String(body.id)}`,
      )
    }
    if (body.dryRun === true) {
      return { status: 200, body: applicationJson(app) }
    }
    return operate(app, () => app.startRollback(id, body.prune === true))
  })
}

function operate(app: AppState, start: () => void): Reply {
  try {
    start()
  } catch (error: unknown) {
    if (error instanceof OperationRefused) {
      return grpcError(grpc.failedPrecondition, error.message)
    }
    throw error
  }
  return { status: 200, body: applicationJson(app) }
}

const NAME = '([^/]+)'
const API = '/api/v1/applications'

const routes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^${API}$`), handle: list },
  {
    method: 'GET',
    pattern: new RegExp(`^${API}/${NAME}$`),
    handle: (ctx) =>
      withApp(ctx, ctx.state.stepOn !== 'manual', (app) => ({
        status: 200,
        body: applicationJson(app),
      })),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${API}/${NAME}/sync$`),
    handle: sync,
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${API}/${NAME}/rollback$`),
    handle: rollback,
  },
  {
    method: 'GET',
    pattern: new RegExp(`^${API}/${NAME}/managed-resources$`),
    handle: (ctx) =>
      withApp(ctx, ctx.state.stepOn === 'read', (app) => ({
        status: 200,
        body: managedResourcesJson(app),
      })),
  },
]

/** The answer to one request, or undefined when no route has its path. */
export function route(
  method: string,
  path: string,
  ctx: Omit<RouteContext, 'params'>,
): Reply | undefined {
  for (const r of routes) {
    const found = r.method === method ? r.pattern.exec(path) : null
    if (!found) continue
    const name = decodeURIComponent(found[1] ?? '')
    return r.handle({ ...ctx, params: { name } })
  }
  return undefined
}
