// What can go wrong talking to Argo CD, in words a person can act on, and
// whether waiting and asking again may help.
import * as http from 'node:http'
import type { HttpError } from '../http/index.js'

/** What kind of failure a request to Argo CD met. */
export type ArgoCdErrorKind =
  /** 401: the token is missing, malformed, expired or revoked. */
  | 'unauthorized'
  /** 403: the token's role may not do this (or the app does not exist). */
  | 'forbidden'
  | 'not-found'
  /** 400 because another operation is running on the application. */
  | 'busy'
  /** Any other 4xx: the request itself was refused. */
  | 'refused'
  /** 5xx or 429: the server, or a proxy in front of it, is in trouble. */
  | 'server'
  | 'connection'
  | 'tls'
  /** An answer that is not Argo CD's JSON, or not HTTP at all. */
  | 'protocol'
  | 'aborted'

const TRANSIENT = new Set<ArgoCdErrorKind>([
  'busy',
  'server',
  'connection',
  'aborted',
])

/** A failed request to Argo CD; the message never holds the token. */
export class ArgoCdError extends Error {
  override readonly name = 'ArgoCdError'
  constructor(
    readonly kind: ArgoCdErrorKind,
    message: string,
    /** The HTTP status, when an answer came. */
    readonly status?: number,
  ) {
    super(message)
  }

  /** Asking again later may succeed: 5xx, 429, a dropped connection. */
  get transient(): boolean {
    return TRANSIENT.has(this.kind)
  }
}

/** What the failed request tried, for the message. */
export interface RequestContext {
  /** An RBAC action in words: `get`, `sync`, `list applications`. */
  action: string
  /** The application, when the request is about one. */
  app?: string
  /** The server's host, for connection errors. */
  host: string
}

// Argo CD answers 403 alike for an application the token may not see and
// for one that does not exist, so that names cannot be probed (since
// CVE-2022-41354); the hint says so.
const FORBIDDEN_HINT =
  "the token's role lacks this permission in Argo CD's RBAC, or the application does not exist (Argo CD answers both alike)"

/** An error answer (status ≥ 300) as an ArgoCdError saying what to do. */
export function answerError(
  status: number,
  body: string,
  ctx: RequestContext,
): ArgoCdError {
  const said = argoMessage(body)
  const reason = http.STATUS_CODES[status] ?? 'Error'
  const answer = `${status}${said ? `: ${said}` : ` ${reason}`}`
  const target = ctx.app === undefined ? '' : ` application ${ctx.app}`
  if (status === 401) {
    return new ArgoCdError(
      'unauthorized',
      `Argo CD rejected the token (${answer}); check that it is a valid, unexpired API token of ${ctx.host}`,
      status,
    )
  }
  if (status === 403) {
    return new ArgoCdError(
      'forbidden',
      `not allowed to ${ctx.action}${target} (${answer}): ${FORBIDDEN_HINT}`,
      status,
    )
  }
  if (status === 404 && ctx.app !== undefined) {
    return new ArgoCdError(
      'not-found',
      `application ${ctx.app} not found (${answer})`,
      status,
    )
  }
  if (status === 429 || status >= 500) {
    return new ArgoCdError(
      'server',
      `Argo CD answered ${status} ${reason} to ${ctx.action}${target}${said ? `: ${said}` : ''}`,
      status,
    )
  }
  // Argo CD's own words when a sync or rollback meets one still running.
  const kind = /another operation is already in progress/i.test(said)
    ? 'busy'
    : 'refused'
  return new ArgoCdError(
    kind,
    `Argo CD refused to ${ctx.action}${target} (${answer})`,
    status,
  )
}

/** A request that got no answer, as an ArgoCdError. */
export function transportError(
  error: HttpError,
  ctx: RequestContext,
): ArgoCdError {
  const target = ctx.app === undefined ? '' : ` application ${ctx.app}`
  switch (error.kind) {
    case 'tls':
      return new ArgoCdError(
        'tls',
        `${error.message} talking to Argo CD at ${ctx.host}; trust its CA with a CA file rather than skipping verification`,
      )
    case 'aborted':
      return new ArgoCdError('aborted', `${ctx.action}${target}: aborted`)
    case 'protocol':
      return new ArgoCdError(
        'protocol',
        `Argo CD at ${ctx.host} answered what is not HTTP: ${error.message}`,
      )
    case 'connection':
      return new ArgoCdError(
        'connection',
        `cannot reach Argo CD at ${ctx.host} to ${ctx.action}${target}: ${error.message}`,
      )
  }
}

/**
 * The `message` of a grpc-gateway error body (`{error, code, message}`),
 * else the body's first line when it is short text (a proxy's page).
 */
export function argoMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body)
    if (typeof parsed === 'object' && parsed !== null) {
      const { message, error } = parsed as Record<string, unknown>
      if (typeof message === 'string' && message !== '') return message
      if (typeof error === 'string') return error
    }
    return ''
  } catch {
    const line = body.trim().split('\n')[0]?.trim() ?? ''
    return line.length <= 200 && !line.startsWith('<') ? line : ''
  }
}
