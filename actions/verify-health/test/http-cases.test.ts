// CASES.md section F (C39–C42) and C69, end to end through runChecks:
// real HTTP(S) servers on 127.0.0.1 scripted per case, and a FakeClock so
// the back-off schedule is asserted to the millisecond without waiting.
import { describe, expect, it } from '@jest/globals'
import type { HealthCheck } from '../../../lib/health/index.js'
import { FakeClock } from '../../../lib/retry/index.js'
import type { ScriptedServer } from '../../../test/support/scripted-server.js'
import { httpCheck } from '../src/http-check.js'
import { parseExpectStatus } from '../src/http-expect.js'
import { target, useServers, wait } from './http-support.js'

const s = 1_000
const { serve, certs } = useServers()

describe('C39: connection refused, then 503, then 200', () => {
  it('waits 5, 10 and 20 s and is healthy on attempt 4', async () => {
    const server = await serve({
      tls: certs().leaf,
      listening: false,
      script: {
        '/health': [
          { status: 503 },
          { status: 503 },
          { status: 200, body: '{"status":"ok"}' },
        ],
      },
    })
    const clock = new FakeClock(0)
    // The case's svc.example.test, reached by address.
    const check = httpCheck(
      target(`${server.url}/health`, { tls: { ca: certs().ca } }),
      { now: () => clock.now() },
    )
    // The service comes up once the first attempt has been refused.
    const starting: HealthCheck = {
      ...check,
      attempt: async (n, signal) => {
        const outcome = await check.attempt(n, signal)
        if (n === 1) await server.listen()
        return outcome
      },
    }
    const { reports, log } = await wait([starting], clock)
    expect(clock.slept).toEqual([5 * s, 10 * s, 20 * s])
    expect(reports).toEqual([
      expect.objectContaining({
        healthy: true,
        attempts: 4,
        lastStatus: '200 OK',
        timeToHealthyMs: 35 * s,
      }),
    ])
    const name = `GET ${server.url}/health`
    expect(log).toEqual([
      `${name}: attempt 1 of 5: connection refused (127.0.0.1:${server.port}), next in 5 s`,
      `${name}: attempt 2 of 5: 503 Service Unavailable, next in 10 s`,
      `${name}: attempt 3 of 5: 503 Service Unavailable, next in 20 s`,
      `${name}: attempt 4 of 5: 200 OK`,
    ])
  })
})

describe('C40: the back-off is capped and the attempts bounded', () => {
  it.each([
    [5, [5, 10, 20, 40], '1 min 15 s'],
    [8, [5, 10, 20, 40, 80, 160, 180], '8 min 15 s'],
  ])(
    'with %i attempts, waits %j s, then fails',
    async (attempts, waits, took) => {
      const server = await serve({ script: { '/health': { status: 503 } } })
      const clock = new FakeClock(0)
      const check = httpCheck(target(`${server.url}/health`))
      const { reports } = await wait([check], clock, { attempts })
      expect(clock.slept).toEqual(waits.map((w) => w * s))
      expect(server.requests).toHaveLength(attempts)
      expect(reports[0]).toMatchObject({
        healthy: false,
        attempts,
        stoppedBy: 'attempts',
        elapsedMs: waits.reduce((sum, w) => sum + w, 0) * s,
        failure: `unhealthy after ${attempts} attempts (last: 503 Service Unavailable) in ${took}`,
      })
    },
  )
})

describe('C41: a 3xx is not healthy unless followed to a 2xx', () => {
  async function loginRedirect(): Promise<ScriptedServer> {
    return serve({
      script: {
        '/ready': { status: 302, headers: { location: '/login' } },
        '/login': {
          status: 200,
          headers: { 'content-type': 'text/html' },
          body: '<!doctype html>\n<title>Sign in</title>\n<form method="post">',
        },
      },
    })
  }

  it.each([['2xx'], ['200,204']])(
    'fails at once on the redirect when expecting %s',
    async (expected) => {
      const server = await loginRedirect()
      const clock = new FakeClock(0)
      const expectStatus = parseExpectStatus('expect-status', expected)
      const check = httpCheck(target(`${server.url}/ready`, { expectStatus }))
      const { reports } = await wait([check], clock)
      expect(clock.slept).toEqual([])
      expect(reports[0]).toMatchObject({
        healthy: false,
        attempts: 1,
        stoppedBy: 'fail-fast',
        failure: `unhealthy: 302 Found, a redirect to ${server.url}/login, not followed: set follow-redirects to follow it (not retried)`,
      })
    },
  )

  it('follows it to the login page, which fails the body match', async () => {
    const server = await loginRedirect()
    const clock = new FakeClock(0)
    const check = httpCheck(
      target(`${server.url}/ready`, {
        followRedirects: true,
        body: { text: '"status":"ok"' },
      }),
    )
    const { reports } = await wait([check], clock)
    expect(clock.slept).toEqual([5 * s, 10 * s, 20 * s, 40 * s])
    expect(reports[0]).toMatchObject({
      healthy: false,
      attempts: 5,
      lastStatus: `200 OK, body does not match "\\"status\\":\\"ok\\"" (starts "<!doctype html> <title>Sign in</title> <…") after 1 redirect, at ${server.url}/login`,
    })
    expect(server.requests.map((r) => r.path).slice(0, 2)).toEqual([
      '/ready',
      '/login',
    ])
  })
})

describe('C42: per-attempt timeout and TLS errors', () => {
  it('A: counts a hung answer as a failed attempt after 10 s and goes on', async () => {
    const server = await serve({ script: { '/health': { hang: true } } })
    const clock = new FakeClock(0)
    const check = httpCheck(target(`${server.url}/health`))
    const { reports, log } = await wait([check], clock, {}, 300)
    expect(clock.slept).toEqual([5 * s, 10 * s, 20 * s, 40 * s])
    const timeouts = clock.sleeps.filter((x) => x.timeout)
    expect(timeouts.map((x) => [x.ms, x.state])).toEqual(
      Array.from({ length: 5 }, () => [10 * s, 'done']),
    )
    expect(log[0]).toMatch(/attempt 1 of 5: timeout after 10 s, next in 5 s$/)
    expect(reports[0]).toMatchObject({
      healthy: false,
      attempts: 5,
      failure:
        'unhealthy after 5 attempts (last: timeout after 10 s) in 2 min 5 s',
    })
  })

  it.each([
    [
      'self-signed',
      'selfSigned',
      'self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
    ],
    ['expired', 'expired', 'certificate expired (CERT_HAS_EXPIRED)'],
    [
      'for another host',
      'wrongHost',
      'hostname mismatch: the certificate is for DNS:wrong.example.test, not 127.0.0.1 (ERR_TLS_CERT_ALTNAME_INVALID)',
    ],
  ] as const)(
    'B: fails at once, not retried, on a certificate %s',
    async (_, cert, reason) => {
      const server = await serve({ tls: certs()[cert], script: { '/': {} } })
      const clock = new FakeClock(0)
      const check = httpCheck(
        target(`${server.url}/`, { tls: { ca: certs().ca } }),
      )
      const { reports } = await wait([check], clock)
      expect(clock.slept).toEqual([])
      expect(reports[0]).toMatchObject({
        healthy: false,
        attempts: 1,
        stoppedBy: 'fail-fast',
        failure: `unhealthy: TLS error: ${reason} (not retried)`,
      })
    },
  )

  it('B: accepts a certificate through its CA, or any when insecure', async () => {
    const leaf = await serve({ tls: certs().leaf, script: { '/': {} } })
    const self = await serve({ tls: certs().selfSigned, script: { '/': {} } })
    const clock = new FakeClock(0)
    const { reports } = await wait(
      [
        httpCheck(target(`${leaf.url}/`, { tls: { ca: certs().ca } })),
        httpCheck(target(`${self.url}/`, { tls: { insecure: true } })),
      ],
      clock,
    )
    expect(reports.map((r) => [r.healthy, r.attempts])).toEqual([
      [true, 1],
      [true, 1],
    ])
  })
})

describe('C69: probe method and headers', () => {
  async function apollo(): Promise<ScriptedServer> {
    return serve({
      script: {
        '/ready': (request) => ({ status: request.method === 'HEAD' ? 405 : 200 }),
        '/': (request) => ({ status: request.headers.accept?.includes('text/html') ? 200 : 404 }),
      },
    })
  } // prettier-ignore

  it('probes with GET by default, so a server refusing HEAD is healthy', async () => {
    const server = await apollo()
    const clock = new FakeClock(0)
    const { reports } = await wait(
      [httpCheck(target(`${server.url}/ready`))],
      clock,
    )
    expect(reports[0]).toMatchObject({ healthy: true, attempts: 1 })
    expect(server.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('says "use GET" on a 405 to HEAD and does not retry it', async () => {
    const server = await apollo()
    const clock = new FakeClock(0)
    const check = httpCheck(target(`${server.url}/ready`, { method: 'HEAD' }))
    const { reports } = await wait([check], clock)
    expect(reports[0]).toMatchObject({
      healthy: false,
      attempts: 1,
      failure:
        'unhealthy: 405 Method Not Allowed to HEAD — use GET (not retried)',
    })
  })

  it('sends Accept: */* unless the target says otherwise', async () => {
    const server = await apollo()
    const clock = new FakeClock(0)
    const headers = {
      Accept: 'text/html',
      Authorization: 'Bearer t0ken',
      Host: 'dashboard.cortex.local',
    }
    const { reports } = await wait(
      [
        httpCheck(target(`${server.url}/`)),
        httpCheck(target(`${server.url}/`, { name: 'dashboard', headers })),
      ],
      clock,
    )
    expect(reports.map((r) => [r.healthy, r.lastStatus])).toEqual([
      [false, '404 Not Found'],
      [true, '200 OK'],
    ])
    const sent = server.requests.find((r) => r.headers.accept === 'text/html')
    expect(sent?.headers).toMatchObject({
      authorization: 'Bearer t0ken',
      host: 'dashboard.cortex.local',
    })
  })
})
