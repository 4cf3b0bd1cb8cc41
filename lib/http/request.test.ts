import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { makeTlsCerts, type TlsCerts } from '../../test/support/tls-certs.js'
import {
  startScriptedServer,
  type ScriptedServer,
  type ScriptedServerOptions,
} from '../../test/support/scripted-server.js'
import { HttpError, httpRequest, toHttpError } from './index.js'

let certs: TlsCerts
const servers: ScriptedServer[] = []

beforeAll(async () => {
  certs = await makeTlsCerts()
})
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()))
  await certs.remove()
})

async function serve(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const server = await startScriptedServer(options)
  servers.push(server)
  return server
}

/** The HttpError a request fails with. */
async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => new Error('the request succeeded'),
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof HttpError)) throw error
  return error
}

describe('httpRequest', () => {
  it('reads the status, reason, headers and body', async () => {
    const server = await serve({
      script: {
        '/health': {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: '{"status":"ok"}',
        },
      },
    })
    const response = await httpRequest(new URL(`${server.url}/health`))
    expect(response).toMatchObject({
      status: 200,
      statusText: 'OK',
      body: '{"status":"ok"}',
      truncated: false,
    })
    expect(response.headers['content-type']).toBe('application/json')
  })

  it('sends the method and the headers as given, Host included', async () => {
    const server = await serve({ script: { '/ready': { status: 204 } } })
    await httpRequest(new URL(`${server.url}/ready?probe=1`), {
      method: 'HEAD',
      headers: { Host: 'svc.example.test', 'X-Probe': 'yes' },
    })
    expect(server.requests).toEqual([
      expect.objectContaining({ method: 'HEAD', path: '/ready?probe=1' }),
    ])
    expect(server.requests[0]?.headers).toMatchObject({
      host: 'svc.example.test',
      'x-probe': 'yes',
    })
  })

  it('sends a body with its length, whatever case the caller used', async () => {
    const server = await serve({ script: { '/hook': { status: 202 } } })
    await httpRequest(new URL(`${server.url}/hook`), {
      method: 'POST',
      headers: { 'Content-Length': '2' },
      body: 'hi',
    })
    expect(server.requests[0]?.headers['content-length']).toBe('2')
  })

  it('counts the bytes of a body for its length', async () => {
    const server = await serve({ script: { '/hook': { status: 202 } } })
    await httpRequest(new URL(`${server.url}/hook`), {
      method: 'POST',
      body: 'héllo',
    })
    expect(server.requests[0]?.headers['content-length']).toBe('6')
  })

  it('cuts the body at maxBodyBytes and says so', async () => {
    const server = await serve({
      script: { '/big': { body: 'x'.repeat(5000) } },
    })
    const response = await httpRequest(new URL(`${server.url}/big`), {
      maxBodyBytes: 100,
    })
    expect(response.body).toBe('x'.repeat(100))
    expect(response.truncated).toBe(true)
  })

  it('says a refused connection is one, with the address', async () => {
    const server = await serve({ listening: false })
    const error = await failure(httpRequest(new URL(`${server.url}/health`)))
    expect(error).toMatchObject({
      kind: 'connection',
      code: 'ECONNREFUSED',
      message: `connection refused (127.0.0.1:${server.port})`,
    })
  })

  it.each([
    [
      'dropped before an answer',
      { drop: true },
      'connection closed before a response',
    ],
    [
      'not HTTP',
      { raw: 'SSH-2.0-OpenSSH\r\n\r\n' },
      'malformed response: Parse Error',
    ],
  ])('tells a connection %s', async (_, reply, reason) => {
    const server = await serve({ script: { '/': reply } })
    const error = await failure(httpRequest(new URL(`${server.url}/`)))
    expect(error.message).toContain(reason)
  })

  it('rejects as aborted when the signal fires before the answer', async () => {
    const server = await serve({ script: { '/': { hang: true } } })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await failure(
      httpRequest(new URL(`${server.url}/`), { signal: controller.signal }),
    )
    expect(error.kind).toBe('aborted')
  })

  it('rejects as aborted when the signal fires during the body', async () => {
    const server = await serve({
      script: { '/': { hangAfterHead: true, body: 'partial' } },
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const error = await failure(
      httpRequest(new URL(`${server.url}/`), { signal: controller.signal }),
    )
    expect(error.kind).toBe('aborted')
  })

  it('refuses a protocol other than http and https', async () => {
    const error = await failure(httpRequest(new URL('ftp://127.0.0.1/')))
    expect(error).toMatchObject({ kind: 'protocol' })
  })
})

describe('httpRequest over TLS', () => {
  it('trusts a server whose CA it was given', async () => {
    const server = await serve({ tls: certs.leaf, script: { '/': {} } })
    const response = await httpRequest(new URL(`${server.url}/`), {
      tls: { ca: certs.ca },
    })
    expect(response.status).toBe(200)
  })

  it.each([
    [
      'self-signed',
      'selfSigned',
      'TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    ],
    ['expired', 'expired', 'TLS error: certificate expired (CERT_HAS_EXPIRED)'],
    [
      'for another host',
      'wrongHost',
      'TLS error: hostname mismatch: the certificate is for DNS:wrong.example.test, not 127.0.0.1 (ERR_TLS_CERT_ALTNAME_INVALID)',
    ],
  ] as const)(
    'names a certificate %s as a TLS error',
    async (_, cert, message) => {
      const server = await serve({ tls: certs[cert], script: { '/': {} } })
      const error = await failure(
        httpRequest(new URL(`${server.url}/`), { tls: { ca: certs.ca } }),
      )
      expect(error).toMatchObject({ kind: 'tls', message })
    },
  )

  it('does not trust a CA it was not given', async () => {
    const server = await serve({ tls: certs.leaf, script: { '/': {} } })
    const error = await failure(httpRequest(new URL(`${server.url}/`)))
    expect(error).toMatchObject({
      kind: 'tls',
      message:
        'TLS error: certificate not signed by a trusted CA (UNABLE_TO_VERIFY_LEAF_SIGNATURE)',
    })
  })

  it('accepts any certificate when told to be insecure', async () => {
    const server = await serve({ tls: certs.selfSigned, script: { '/': {} } })
    const response = await httpRequest(new URL(`${server.url}/`), {
      tls: { insecure: true },
    })
    expect(response.status).toBe(200)
  })

  it('checks the certificate against the Host header’s name', async () => {
    const server = await serve({ tls: certs.wrongHost, script: { '/': {} } })
    const response = await httpRequest(new URL(`${server.url}/`), {
      headers: { Host: 'wrong.example.test:8443' },
      tls: { ca: certs.ca },
    })
    expect(response.status).toBe(200)
  })

  it('says when the server does not speak TLS', async () => {
    const server = await serve({ script: { '/': {} } })
    const url = new URL(`${server.url.replace('http:', 'https:')}/`)
    const error = await failure(httpRequest(url))
    expect(error.kind).toBe('tls')
    expect(error.message).toMatch(/the server does not speak TLS/)
  })
})

describe('toHttpError', () => {
  const url = new URL('https://svc.example.test:8443/health')
  const nodeError = (code: string, message: string, fields = {}) =>
    Object.assign(new Error(message), { code }, fields)

  it.each([
    [
      nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND svc.example.test', {
        hostname: 'svc.example.test',
      }),
      'host not found (svc.example.test)',
    ],
    [
      nodeError('ETIMEDOUT', 'connect ETIMEDOUT'),
      'connection timed out (svc.example.test:8443)',
    ],
    [
      nodeError('ECONNRESET', 'aborted'),
      'connection closed during the response (svc.example.test:8443)',
    ],
    [
      nodeError('ECONNRESET', 'read ECONNRESET'),
      'connection reset (svc.example.test:8443)',
    ],
    [
      nodeError('EWHATEVER', 'something odd'),
      'something odd (svc.example.test:8443)',
    ],
  ])('words a connection failure: %#', (error, message) => {
    expect(toHttpError(error, undefined, url)).toMatchObject({
      kind: 'connection',
      message,
    })
  })

  it('calls any error after the signal fired an abort', () => {
    const controller = new AbortController()
    controller.abort()
    const error = toHttpError(new Error('socket hang up'), controller.signal)
    expect(error.kind).toBe('aborted')
  })

  it('keeps an HttpError as it is', () => {
    const error = new HttpError('tls', 'TLS error: x')
    expect(toHttpError(error)).toBe(error)
  })
})
