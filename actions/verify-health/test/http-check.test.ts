import { describe, expect, it } from '@jest/globals'
import { HttpError } from '../../../lib/http/index.js'
import { done, failFast, retryWith } from '../../../lib/retry/index.js'
import {
  httpCheck,
  retryAfterMs,
  type HttpCheckDeps,
} from '../src/http-check.js'
import type { HttpTarget } from '../src/http-target.js'
import { target, useServers } from './http-support.js'

const { serve, certs } = useServers()
const SECRET = 'Bearer s3cr3t-token'

/** One attempt of the check of `t`. */
function probe(t: HttpTarget, deps: HttpCheckDeps = {}) {
  return httpCheck(t, deps).attempt(1, new AbortController().signal)
}

describe('httpCheck', () => {
  it('is an http check named after its target', () => {
    const check = httpCheck(target('http://127.0.0.1:3000/health?t=1'))
    expect(check).toMatchObject({
      kind: 'http',
      name: 'GET http://127.0.0.1:3000/health',
    })
  })

  it('is healthy on an expected status, saying it', async () => {
    const server = await serve({ script: { '/health': { status: 204 } } })
    const outcome = await probe(target(`${server.url}/health`))
    expect(outcome).toEqual(done('', '204 No Content'))
  })

  it('sends Accept: */* and its User-Agent by default', async () => {
    const server = await serve({ script: { '/': {} } })
    await probe(target(`${server.url}/`))
    expect(server.requests[0]?.headers).toMatchObject({
      accept: '*/*',
      'user-agent': 'cortex-actions/verify-health',
    })
  })

  it('sends the target’s headers over those, Host included (C69)', async () => {
    const server = await serve({ script: { '/': {} } })
    const headers = { accept: 'text/html', Host: 'dashboard.cortex.local' }
    await probe(target(`${server.url}/`, { headers }))
    expect(server.requests[0]?.headers).toMatchObject({
      accept: 'text/html',
      host: 'dashboard.cortex.local',
      'user-agent': 'cortex-actions/verify-health',
    })
  })

  it.each([
    [{ status: 503 }, retryWith('503 Service Unavailable')],
    [{ status: 404 }, retryWith('404 Not Found')],
    [
      { status: 500, headers: { 'retry-after': '30' } },
      retryWith('500 Internal Server Error'),
    ],
    [
      { status: 503, headers: { 'retry-after': '30' } },
      retryWith('503 Service Unavailable', 30_000),
    ],
    [
      {
        status: 429,
        headers: { 'retry-after': 'Wed, 01 Jan 2025 00:01:00 GMT' },
      },
      retryWith('429 Too Many Requests', 60_000),
    ],
  ])('waits on an unexpected status: %j', async (reply, outcome) => {
    const server = await serve({ script: { '/ready': reply } })
    const now = () => Date.UTC(2025, 0, 1)
    expect(await probe(target(`${server.url}/ready`), { now })).toEqual(outcome)
  })

  it('fails at once on a 405 to HEAD, saying to use GET (C69)', async () => {
    const server = await serve({ script: { '/ready': { status: 405 } } })
    const outcome = await probe(
      target(`${server.url}/ready`, { method: 'HEAD' }),
    )
    expect(outcome).toEqual(
      failFast('405 Method Not Allowed to HEAD — use GET'),
    )
  })

  it('waits on a body that does not match, showing the pattern and a short start', async () => {
    const page = `<!doctype html>\n<title>Sign in</title>${'x'.repeat(500)}`
    const server = await serve({ script: { '/': { body: page } } })
    const outcome = await probe(
      target(`${server.url}/`, { body: { regex: /"status":\s*"ok"/ } }),
    )
    expect(outcome).toEqual(
      retryWith(
        '200 OK, body does not match /"status":\\s*"ok"/ (starts "<!doctype html> <title>Sign in</title>xx…")',
      ),
    )
  })

  it('checks a body is Prometheus text format when asked', async () => {
    const server = await serve({
      script: {
        '/metrics': {
          body: '# TYPE up gauge\nup 1\nhttp_requests_total{code="200"} 7\n',
        },
        '/metrics-html': { body: '<html>metrics</html>' },
      },
    })
    const format = 'prometheus'
    expect(await probe(target(`${server.url}/metrics`, { format }))).toEqual(
      done('2 samples in Prometheus text format', '200 OK'),
    )
    expect(
      await probe(target(`${server.url}/metrics-html`, { format })),
    ).toEqual(
      retryWith(
        '200 OK, not Prometheus text format: line 1: not a sample: "<html>metrics</html>"',
      ),
    )
  })

  it.each([
    [
      'self-signed',
      'selfSigned',
      'TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    ],
    ['expired', 'expired', 'TLS error: certificate expired (CERT_HAS_EXPIRED)'],
  ] as const)(
    'fails at once on a %s certificate (C42 B)',
    async (_, cert, reason) => {
      const server = await serve({ tls: certs()[cert], script: { '/': {} } })
      const outcome = await probe(
        target(`${server.url}/`, { tls: { ca: certs().ca } }),
      )
      expect(outcome).toEqual(failFast(reason))
    },
  )

  it('trusts a certificate through the CA, or any when insecure', async () => {
    const leaf = await serve({ tls: certs().leaf, script: { '/': {} } })
    const self = await serve({ tls: certs().selfSigned, script: { '/': {} } })
    const viaCa = await probe(
      target(`${leaf.url}/`, { tls: { ca: certs().ca } }),
    )
    const insecure = await probe(
      target(`${self.url}/`, { tls: { insecure: true } }),
    )
    expect([viaCa, insecure]).toEqual([done('', '200 OK'), done('', '200 OK')])
  })

  it('waits on a refused connection, naming the address', async () => {
    const server = await serve({ listening: false })
    expect(await probe(target(`${server.url}/health`))).toEqual(
      retryWith(`connection refused (127.0.0.1:${server.port})`),
    )
  })

  it('rejects when its signal aborts, so the loop reports its timeout', async () => {
    const server = await serve({ script: { '/': { hang: true } } })
    const controller = new AbortController()
    const attempt = httpCheck(target(`${server.url}/`)).attempt(
      1,
      controller.signal,
    )
    setTimeout(() => controller.abort(), 20)
    await expect(attempt).rejects.toThrow(HttpError)
  })

  it('never puts a header value in a name, reason or detail', async () => {
    const server = await serve({
      script: {
        '/ok': { body: 'ok' },
        '/down': { status: 503 },
        '/moved': { status: 302, headers: { location: 'http://localhost:1/' } },
      },
    })
    const headers = { Authorization: SECRET, 'X-Api-Key': SECRET }
    const seen: string[] = []
    for (const path of ['/ok', '/down', '/moved']) {
      const check = httpCheck(
        target(`${server.url}${path}`, { headers, followRedirects: true }),
      )
      seen.push(
        check.name,
        JSON.stringify(await check.attempt(1, new AbortController().signal)),
      )
    }
    expect(seen.join('\n')).not.toContain('s3cr3t')
  })
})

describe('retryAfterMs', () => {
  const now = Date.UTC(2025, 0, 1)
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Wed, 01 Jan 2025 00:00:30 GMT', 30_000],
    ['Tue, 31 Dec 2024 23:00:00 GMT', 0],
    ['1.5', undefined],
    ['-1', undefined],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j ms', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms)
  })
})
