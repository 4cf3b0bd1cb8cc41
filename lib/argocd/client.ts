// A small client of Argo CD's REST API (the grpc-gateway under /api/v1):
// read, list, sync and roll back applications with a bearer token. The
// token goes into the Authorization header and nowhere else.
import {
  HttpError,
  httpRequest,
  toHttpError,
  type HttpRequestOptions,
  type HttpResponse,
  type TlsOptions,
} from '../http/index.js'
import {
  answerError,
  ArgoCdError,
  transportError,
  type RequestContext,
} from './errors.js'
import type { Application, ManagedResource } from './types.js'

/** How to reach Argo CD. */
export interface ArgoCdClientOptions {
  /**
   * The server: `https://argocd.example.org`, with a path prefix when
   * Argo CD is served under one (`https://example.org/argocd`); a bare
   * `host[:port]`, as ARGOCD_SERVER holds it, means https.
   */
  server: string
  /** An Argo CD API token (a JWT); sent as a bearer token only. */
  token: string
  tls?: TlsOptions
  /** Sends one request; httpRequest by default. */
  send?: (url: URL, options: HttpRequestOptions) => Promise<HttpResponse>
}

/** Which applications `listApplications` answers. */
export interface ListFilter {
  /** An AppProject's name. */
  project?: string
  /** A label selector: `team=cortex,tier in (web,api)`. */
  selector?: string
}

/** How `sync` syncs. */
export interface SyncOptions {
  /** The revision to sync to; the application's target revision when absent. */
  revision?: string
  /** Delete resources that are no longer in Git. */
  prune?: boolean
  /** Ask Argo CD what it would do, and change nothing. */
  dryRun?: boolean
}

/** How `rollback` rolls back. */
export interface RollbackOptions {
  prune?: boolean
  dryRun?: boolean
}

/**
 * The server URL `server` names, checked: http or https, no credentials,
 * query or fragment; a bare host means https. Throws an Error saying what
 * is wrong, never quoting a password it may hold.
 */
export function argoCdServerUrl(server: string): URL {
  const text = server.trim()
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text)
    ? text
    : `https://${text}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    throw new Error('not a URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${url.protocol} is not http: or https:`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error('credentials belong in the token, not in the URL')
  }
  if (url.search !== '' || url.hash !== '') {
    throw new Error('a server URL has no query or fragment')
  }
  return url
}

function projectOf(app: Application): string {
  const spec = app['spec']
  const project =
    typeof spec === 'object' && spec !== null
      ? (spec as Record<string, unknown>)['project']
      : undefined
  return typeof project === 'string' && project !== '' ? project : 'default'
}

/** A server input as an error may quote it: credentials in it replaced. */
export function shownServer(server: string): string {
  return server.replace(/\/\/[^/@]*@/, '//…@').replace(/[?#].*$/, '?…')
}

/** Argo CD's REST API, for one server and token. */
export class ArgoCdClient {
  /** The server's host and port: what messages name. */
  readonly host: string
  private readonly base: URL
  /** The path Argo CD is served under, without a trailing slash. */
  private readonly prefix: string
  private readonly token: string
  private readonly tls: TlsOptions | undefined
  private readonly send: NonNullable<ArgoCdClientOptions['send']>

  constructor(options: ArgoCdClientOptions) {
    if (options.token === '') throw new Error('an Argo CD token is required')
    this.base = argoCdServerUrl(options.server)
    this.host = this.base.host
    this.prefix = this.base.pathname.replace(/\/+$/, '')
    this.token = options.token
    this.tls = options.tls
    this.send = options.send ?? httpRequest
  }

  /** The server URL, path prefix included, as a message may show it. */
  get server(): string {
    return `${this.base.origin}${this.prefix}`
  }

  /** One application, with its status. */
  async getApplication(
    name: string,
    signal?: AbortSignal,
  ): Promise<Application> {
    const ctx = { action: 'get', app: name, host: this.host }
    return asApplication(await this.call('GET', appPath(name), ctx, { signal }))
  }

  /** Every application of a project, or matching a selector, or all. */
  async listApplications(
    filter: ListFilter = {},
    signal?: AbortSignal,
  ): Promise<Application[]> {
    const query = new URLSearchParams()
    if (filter.project !== undefined) query.append('projects', filter.project)
    if (filter.selector !== undefined) query.set('selector', filter.selector)
    const project = filter.project ? ` of project ${filter.project}` : ''
    const ctx = { action: `list the applications${project}`, host: this.host }
    const body = await this.call('GET', APPS, ctx, { signal, query })
    const items = (body as { items?: unknown }).items
    // grpc-gateway writes an empty list as null.
    if (items === null || items === undefined) return []
    if (!Array.isArray(items)) throw notArgo(ctx, 'items is not a list')
    const apps = items.map(asApplication)
    // The server filters by project; an answer that did not (an older
    // server, a proxy) must not get another project's apps synced.
    return filter.project === undefined
      ? apps
      : apps.filter((app) => projectOf(app) === filter.project)
  }

  /** Starts a sync; answers the application with its operation. */
  async sync(
    name: string,
    options: SyncOptions = {},
    signal?: AbortSignal,
  ): Promise<Application> {
    const body = {
      name,
      ...(options.revision === undefined ? {} : { revision: options.revision }),
      prune: options.prune ?? false,
      dryRun: options.dryRun ?? false,
    }
    const ctx = { action: 'sync', app: name, host: this.host }
    const path = `${appPath(name)}/sync`
    return asApplication(await this.call('POST', path, ctx, { signal, body }))
  }

  /** The resources the application manages, target and live state. */
  async managedResources(
    name: string,
    signal?: AbortSignal,
  ): Promise<ManagedResource[]> {
    const ctx = { action: 'get the resources of', app: name, host: this.host }
    const path = `${appPath(name)}/managed-resources`
    const body = await this.call('GET', path, ctx, { signal })
    const items = (body as { items?: unknown }).items
    if (items === null || items === undefined) return []
    if (!Array.isArray(items)) throw notArgo(ctx, 'items is not a list')
    return items.map(asManagedResource)
  }

  /** Starts a rollback to the deployment `historyId` of status.history. */
  async rollback(
    name: string,
    historyId: number,
    options: RollbackOptions = {},
    signal?: AbortSignal,
  ): Promise<Application> {
    const body = {
      name,
      id: historyId,
      prune: options.prune ?? false,
      dryRun: options.dryRun ?? false,
    }
    // Argo CD checks rollbacks against the `sync` RBAC action.
    const ctx = { action: 'roll back', app: name, host: this.host }
    const path = `${appPath(name)}/rollback`
    return asApplication(await this.call('POST', path, ctx, { signal, body }))
  }

  private async call(
    method: string,
    path: string,
    ctx: RequestContext,
    { signal, query, body }: CallOptions,
  ): Promise<unknown> {
    const url = new URL(this.base.href)
    url.pathname = `${this.prefix}${path}`
    if (query !== undefined) url.search = query.toString()
    const options: HttpRequestOptions = {
      method,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(this.tls === undefined ? {} : { tls: this.tls }),
      ...(signal === undefined ? {} : { signal }),
    }
    let response: HttpResponse
    try {
      response = await this.send(url, options)
    } catch (error: unknown) {
      const failure =
        error instanceof HttpError ? error : toHttpError(error, signal)
      throw this.clean(transportError(failure, ctx))
    }
    if (response.status < 200 || response.status >= 300) {
      throw this.clean(answerError(response.status, response.body, ctx))
    }
    try {
      return JSON.parse(response.body) as unknown
    } catch {
      // A wrong path prefix reaches the web UI, which answers its HTML.
      throw notArgo(ctx, 'the answer is not JSON; is the server URL right?')
    }
  }

  // A server may echo what it was sent; the token never leaves this class.
  private clean(error: ArgoCdError): ArgoCdError {
    if (!error.message.includes(this.token)) return error
    const message = error.message.split(this.token).join('***')
    return new ArgoCdError(error.kind, message, error.status)
  }
}

const APPS = '/api/v1/applications'

interface CallOptions {
  signal?: AbortSignal | undefined
  query?: URLSearchParams
  /** Sent as JSON. */
  body?: object
}

function appPath(name: string): string {
  return `${APPS}/${encodeURIComponent(name)}`
}

function notArgo(ctx: RequestContext, why: string): ArgoCdError {
  const target = ctx.app === undefined ? '' : ` application ${ctx.app}`
  return new ArgoCdError(
    'protocol',
    `unexpected answer from ${ctx.host} to ${ctx.action}${target}: ${why}`,
  )
}

function asApplication(json: unknown): Application {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ArgoCdError('protocol', 'Argo CD answered no Application object')
  }
  return json as Application
}

function asManagedResource(json: unknown): ManagedResource {
  const item = (
    typeof json === 'object' && json !== null ? json : {}
  ) as Record<string, unknown>
  const text = (key: string): string =>
    typeof item[key] === 'string' ? item[key] : ''
  const optional = (key: string): { [k: string]: string } =>
    typeof item[key] === 'string' && item[key] !== ''
      ? { [key]: item[key] }
      : {}
  return {
    group: text('group'),
    kind: text('kind'),
    namespace: text('namespace'),
    name: text('name'),
    ...optional('targetState'),
    ...optional('liveState'),
    modified: item.modified === true,
  }
}
