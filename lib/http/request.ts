// One HTTP(S) request on node:http, not fetch: fetch forbids the Host
// header (needed to reach a service through its ingress by address), takes
// no CA per request, and hides TLS failures behind "fetch failed".
import * as http from 'node:http'
import * as https from 'node:https'
import { isIP } from 'node:net'

/** How the server's certificate is checked. */
export interface TlsOptions {
  /** PEM certificates to trust besides the system's. */
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
  if (options.body !== undefined) {
    headers['content-length'] ??= String(Buffer.byteLength(options.body))
  }
  const limit = options.maxBodyBytes ?? 1024 * 1024
  const base: https.RequestOptions = {
    method: options.method ?? 'GET',
    headers,
    ...(options.signal ? { signal: options.signal } : {}),
    agent: false,
  }
  if (secure) {
    base.rejectUnauthorized = options.tls?.insecure !== true
    if (options.tls?.ca !== undefined) base.ca = options.tls.ca
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
      res.on('error', (error) => reject(toHttpError(error, options.signal)))
    })
    req.on('error', (error) => reject(toHttpError(error, options.signal)))
    req.end(options.body)
  })
}

// With a Host header naming another site (ingress routing by address), the
// certificate must be checked against that name, as a browser would.
function serverName(headers: Record<string, string>): string | undefined {
  const host = Object.entries(headers).find(
    ([key]) => key.toLowerCase() === 'host',
  )?.[1]
  if (host === undefined) return undefined
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')
  return name === '' || isIP(name) !== 0 ? undefined : name
}

/** A thrown request error as an HttpError saying what kind it is. */
export function toHttpError(error: unknown, signal?: AbortSignal): HttpError {
  if (error instanceof HttpError) return error
  const code = (error as { code?: unknown } | null)?.code
  const text = error instanceof Error ? error.message : String(error)
  const c = typeof code === 'string' ? code : undefined
  if (signal?.aborted || c === 'ABORT_ERR') {
    return new HttpError('aborted', 'aborted', c)
  }
  if (c !== undefined && c in TLS_REASONS) {
    return new HttpError('tls', `TLS error: ${TLS_REASONS[c]} (${c})`, c)
  }
  if (
    c?.startsWith('ERR_SSL_') ||
    c?.startsWith('ERR_TLS_') ||
    c === 'EPROTO'
  ) {
    return new HttpError('tls', `TLS error: ${text}`, c)
  }
  if (c?.startsWith('HPE_')) {
    return new HttpError('protocol', `malformed response: ${text}`, c)
  }
  return new HttpError('connection', text, c)
}
