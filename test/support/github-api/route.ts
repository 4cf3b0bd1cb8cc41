// What a route of the GitHub API stand-in sees and answers, and the small
// builders of GitHub's JSON bodies every route file shares.
import type { IncomingHttpHeaders } from 'node:http'
import type { ApiState, RepoState } from './state.js'

/** The stand-in's base addresses, all on the loopback listener. */
export interface BaseUrls {
  /** The REST API root (GITHUB_API_URL). */
  api: string
  /** The web root (GITHUB_SERVER_URL): html_url and downloads live here. */
  web: string
  /** The root of release asset uploads. */
  uploads: string
}

/** One request as a route handler sees it. */
export interface RouteContext {
  method: string
  /** The URL path, without the query. */
  path: string
  /** Path parameters, already percent-decoded. */
  params: Record<string, string>
  query: URLSearchParams
  headers: IncomingHttpHeaders
  /** The parsed JSON body; undefined for uploads and bodiless requests. */
  body: unknown
  /** The raw request body. */
  raw: Buffer
  /** The repository named by :owner/:repo, created on first use. */
  repo: RepoState
  state: ApiState
  urls: BaseUrls
}

/** What a route answers: JSON `body`, or `raw` bytes. */
export interface Reply {
  status: number
  body?: unknown
  raw?: Buffer
  headers?: Record<string, string>
}

/** One endpoint: a method, a compiled path template and its handler. */
export interface Route {
  method: string
  pattern: RegExp
  names: string[]
  handle: (ctx: RouteContext) => Reply
}

/**
 * Compiles `/repos/:owner/:repo/git/ref/*ref` into a route. `:name` takes
 * one segment (digits only when it ends in `_id` or `_number`, as GitHub's
 * ids are numbers); `*name` takes the rest of the path, slashes included.
 */
export function route(
  method: string,
  template: string,
  handle: (ctx: RouteContext) => Reply,
): Route {
  const names: string[] = []
  const source = template.replace(/([:*])(\w+)/g, (_m, kind, name) => {
    names.push(String(name))
    if (kind === '*') return '(.+)'
    return /_(id|number)$/.test(String(name)) ? '(\\d+)' : '([^/]+)'
  })
  return { method, pattern: new RegExp(`^${source}$`), names, handle }
}

/** A JSON reply. */
export function json(status: number, body: unknown): Reply {
  return { status, body }
}

/** GitHub's 404 body. */
export function notFound(): Reply {
  return json(404, {
    message: 'Not Found',
    documentation_url: 'https://docs.github.com/rest',
    status: '404',
  })
}

/** A 422 with GitHub's `Validation Failed` body naming one field. */
export function validationFailed(
  resource: string,
  field: string,
  code = 'already_exists',
): Reply {
  return json(422, {
    message: 'Validation Failed',
    errors: [{ resource, code, field }],
    documentation_url: 'https://docs.github.com/rest',
    status: '422',
  })
}

/** A 422 with a plain message, as GitHub answers for refs and rule checks. */
export function unprocessable(message: string): Reply {
  return json(422, {
    message,
    documentation_url: 'https://docs.github.com/rest',
    status: '422',
  })
}

/** The body's fields, or none when the body is not a JSON object. */
export function fieldsOf(body: unknown): Record<string, unknown> {
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return body as Record<string, unknown>
  }
  return {}
}

/** A string field, or undefined when absent or of another type. */
export function stringField(body: unknown, key: string): string | undefined {
  const value = fieldsOf(body)[key]
  return typeof value === 'string' ? value : undefined
}

/** A boolean field, or undefined when absent or of another type. */
export function booleanField(body: unknown, key: string): boolean | undefined {
  const value = fieldsOf(body)[key]
  return typeof value === 'boolean' ? value : undefined
}

/** A GraphQL-style node id, shaped like GitHub's (`RE_kwDO…`). */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(String(id)).toString('base64url')}`
}

/** The user shown as author of everything the stand-in creates. */
export function userJson(ctx: RouteContext): Record<string, unknown> {
  const { login, id, type } = ctx.state.viewer
  return {
    login,
    id,
    node_id: nodeId('U', id),
    type,
    site_admin: false,
    url: `${ctx.urls.api}/users/${encodeURIComponent(login)}`,
    html_url: `${ctx.urls.web}/${encodeURIComponent(login)}`,
  }
}

/** The `/repos/o/r` API address of the context's repository. */
export function repoApi(ctx: RouteContext): string {
  return `${ctx.urls.api}/repos/${ctx.repo.fullName}`
}

/** The `/o/r` web address of the context's repository. */
export function repoWeb(ctx: RouteContext): string {
  return `${ctx.urls.web}/${ctx.repo.fullName}`
}
