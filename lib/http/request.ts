// One HTTP(S) request on node:http, not fetch: fetch forbids the Host
// header (needed to reach a service through its ingress by address), takes
// no CA per request, and hides TLS failures behind "fetch failed".
import * as http from 'node:http'
import * as https from 'node:https'
import { isIP } from 'node:net'
import * as tls from 'node:tls'

/** How the server's certificate is checked. */
export interface TlsOptions {
  /**
   * PEM certificates to trust besides Node's bundled CAs (not those of
   * NODE_EXTRA_CA_CERTS, which Node adds to its default context only).
   */
  ca?: string
  /** Accept any certificate. Only when a person asked for it. */
  insecure?: boolean
}

/** One request. */
export interface HttpRequestOptions {
  /** GET by default. */
  method?: string
  headers?: Record<string, string>
  body?: string
  tls?: TlsOptions
  /** Aborts the request, whatever stage it is at. */
  signal?: AbortSignal
  /** The body is cut after this many bytes (default 1 MiB). */
  maxBodyBytes?: number
}

/** A response, its body read as UTF-8. */
export interface HttpResponse {
  status: number
  /** The reason phrase the server sent, or the standard one. */
  statusText: string
  headers: http.IncomingHttpHeaders
  body: string
  /** The body was longer than maxBodyBytes and was cut. */
  truncated: boolean
}

/** What went wrong before a response arrived. */
export type HttpErrorKind = 'tls' | 'connection' | 'aborted' | 'protocol'

/** A request that got no response, with what kind of failure it was. */
export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    /** Node's error code, e.g. ECONNREFUSED or DEPTH_ZERO_SELF_SIGNED_CERT. */
    readonly code?: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

// Node's codes for certificate trouble, in the words a person checks.
const TLS_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not signed by a trusted CA',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer unknown',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate issuer unknown',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostname mismatch',
  CERT_REVOKED: 'certificate revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
}

/** Sends one request and reads the whole (capped) response. */
export function httpRequest(
  url: URL,
  options: HttpRequestOptions = {},
): Promise<HttpResponse> {
  const secure = url.protocol === 'https:'
  if (!secure && url.protocol !== 'http:') {
    return Promise.reject(
      new HttpError('protocol', `unsupported protocol ${url.protocol}`),
    )
  }
  const headers = { ...options.headers }
  if (
    options.body !== undefined &&
    headerValue(headers, 'content-length') === undefined
  ) {
    headers['content-length'] = String(Buffer.byteLength(options.body))
  }
  const limit = options.maxBodyBytes ?? 1024 * 1024
  // https.request hands secureContext on to tls.connect; its type omits it.
  const base: https.RequestOptions &
    Pick<tls.ConnectionOptions, 'secureContext'> = {
    method: options.method ?? 'GET',
    headers,
    ...(options.signal ? { signal: options.signal } : {}),
    agent: false,
  }
  if (secure) {
    base.rejectUnauthorized = options.tls?.insecure !== true
    if (options.tls?.ca !== undefined) {
      base.secureContext = trustContext(options.tls.ca)
    }
    const name = serverName(headers)
    if (name !== undefined) base.servername = name
  }
  const send = secure ? https.request : http.request
  return new Promise<HttpResponse>((resolve, reject) => {
    const req = send(url, base, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      let truncated = false
      res.on('data', (chunk: Buffer) => {
        if (truncated) return
        const room = limit - size
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room))
          truncated = true
          size = limit
          // The rest is not needed: stop reading, and end as we are.
          res.destroy()
          finish()
          return
        }
        chunks.push(chunk)
        size += chunk.length
      })
      const finish = (): void =>
        resolve({
          status: res.statusCode ?? 0,
          statusText:
            res.statusMessage || http.STATUS_CODES[res.statusCode ?? 0] || '',
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
        })
      res.on('end', finish)
      res.on('error', (error) =>
        reject(toHttpError(error, options.signal, url)),
      )
    })
    req.on('error', (error) => reject(toHttpError(error, options.signal, url)))
    req.end(options.body)
  })
}

// Node's `ca` option replaces the bundled CAs rather than adding to them,
// and building a context from all of them takes tens of milliseconds, so
// one context is built per CA and kept.
const trustContexts = new Map<string, tls.SecureContext>()

function trustContext(ca: string): tls.SecureContext {
  let context = trustContexts.get(ca)
  if (context === undefined) {
    context = tls.createSecureContext({ ca: [...tls.rootCertificates, ca] })
    trustContexts.set(ca, context)
  }
  return context
}

// With a Host header naming another site (ingress routing by address), the
// certificate must be checked against that name, as a browser would.
function serverName(headers: Record<string, string>): string | undefined {
  const host = headerValue(headers, 'host')
  if (host === undefined) return undefined
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')
  return name === '' || isIP(name) !== 0 ? undefined : name
}

// A header's value whatever the case of its name.
function headerValue(
  headers: Record<string, string>,
  name: string,
): string | undefined {
  return Object.entries(headers).find(
    ([key]) => key.toLowerCase() === name,
  )?.[1]
}

/**
 * A thrown request error as an HttpError saying what kind it is, in words
 * a person checks: "connection refused (127.0.0.1:4321)".
 */
export function toHttpError(
  error: unknown,
  signal?: AbortSignal,
  url?: URL,
): HttpError {
  if (error instanceof HttpError) return error
  const fields = (error ?? {}) as NodeErrorFields
  // Not `instanceof Error`: errors from node:net may come from another
  // realm (a test runner's VM context) and fail that check.
  const text =
    typeof fields.message === 'string' ? fields.message : String(error)
  const c = typeof fields.code === 'string' ? fields.code : undefined
  if (signal?.aborted || c === 'ABORT_ERR') {
    return new HttpError('aborted', 'aborted', c)
  }
  if (c !== undefined && c in TLS_REASONS) {
    return new HttpError('tls', `TLS error: ${tlsReason(c, fields)} (${c})`, c)
  }
  if (
    c?.startsWith('ERR_SSL_') ||
    c?.startsWith('ERR_TLS_') ||
    c === 'EPROTO'
  ) {
    return new HttpError('tls', `TLS error: ${sslReason(text)}`, c)
  }
  if (c?.startsWith('HPE_')) {
    return new HttpError('protocol', `malformed response: ${text}`, c)
  }
  return new HttpError('connection', connectionReason(c, text, fields, url), c)
}

// What Node puts on the errors of net, dns and tls besides the message.
interface NodeErrorFields {
  message?: unknown
  code?: unknown
  address?: unknown
  port?: unknown
  hostname?: unknown
  cert?: { subjectaltname?: unknown }
  host?: unknown
}

function tlsReason(code: string, fields: NodeErrorFields): string {
  const reason = TLS_REASONS[code] ?? code
  const names = fields.cert?.subjectaltname
  if (code !== 'ERR_TLS_CERT_ALTNAME_INVALID' || typeof names !== 'string') {
    return reason
  }
  const host = typeof fields.host === 'string' ? `, not ${fields.host}` : ''
  return `${reason}: the certificate is for ${names}${host}`
}

// OpenSSL's message carries its internals ("…:SSL routines:ssl3_get_record:
// wrong version number:../deps/…"); the reason is the part a person needs.
function sslReason(text: string): string {
  const reason = /SSL routines:[^:]*:([^:]+)/.exec(text)?.[1] ?? text
  // What a TLS client hears from a server speaking plain HTTP.
  if (
    reason === 'wrong version number' ||
    reason === 'packet length too long'
  ) {
    return `${reason}: the server does not speak TLS (is the URL http://?)`
  }
  return reason
}

// Node's codes for a connection that failed, in words; the name or address
// it was for follows in brackets.
const CONNECTION_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed for now',
}

function connectionReason(
  code: string | undefined,
  text: string,
  fields: NodeErrorFields,
  url: URL | undefined,
): string {
  const peer =
    typeof fields.address === 'string' && typeof fields.port === 'number'
      ? `${fields.address}:${fields.port}`
      : url?.host
  const dns = code === 'ENOTFOUND' || code === 'EAI_AGAIN'
  const where =
    dns && typeof fields.hostname === 'string' ? fields.hostname : peer
  const at = where === undefined ? '' : ` (${where})`
  // Node says "socket hang up" when the connection closed before an
  // answer, and "aborted" when it closed during one.
  if (code === 'ECONNRESET' && text === 'socket hang up') {
    return `connection closed before a response${at}`
  }
  if (code === 'ECONNRESET' && text === 'aborted') {
    return `connection closed during the response${at}`
  }
  const reason = code === undefined ? undefined : CONNECTION_REASONS[code]
  if (reason !== undefined) return `${reason}${at}`
  return peer !== undefined && text.includes(peer) ? text : `${text}${at}`
}
