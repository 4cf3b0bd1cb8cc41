import { describe, expect, it } from '@jest/globals'
import { done, failFast, retryWith } from '../../../lib/retry/index.js'
import { httpCheck, maxRedirects } from '../src/http-check.js'
import { parseExpectStatus } from '../src/http-expect.js'
import type { HttpTarget } from '../src/http-target.js'
import { target, useServers } from './http-support.js'

const { serve, certs } = useServers()
const SECRET = 'Bearer s3cr3t-token'

/** One attempt of the check of `t`. */
function probe(t: HttpTarget) {
  return httpCheck(t).attempt(1, new AbortController().signal)
}

// CASES C41: a redirect is judged where it leads, or not followed at all.
describe('httpCheck with redirects', () => {
  it('fails a redirect it does not follow, naming where it points (C41)', async () => {
    const server = await serve({
      script: {
        '/ready': {
          status: 302,
          headers: { location: '/login?next=%2Fready' },
        },
      },
    })
    expect(await probe(target(`${server.url}/ready`))).toEqual(
      failFast(
        `302 Found, a redirect to ${server.url}/login?…, not followed: set follow-redirects to follow it`,
      ),
    )
  })

  it('takes a redirect it was told to expect as healthy', async () => {
    const server = await serve({
      script: { '/': { status: 301, headers: { location: '/home' } } },
    })
    const expectStatus = parseExpectStatus('expect-status', '301')
    const outcome = await probe(target(`${server.url}/`, { expectStatus }))
    expect(outcome).toEqual(done('', '301 Moved Permanently'))
  })

  it('follows relative redirects and judges the last answer', async () => {
    const server = await serve({
      script: {
        '/ready': { status: 307, headers: { location: 'ready/' } },
        '/ready/': { status: 200, body: '{"status":"ok"}' },
      },
    })
    const t = target(`${server.url}/ready`, {
      followRedirects: true,
      body: { text: '"status":"ok"' },
    })
    expect(await probe(t)).toEqual(
      done(
        `body matches "\\"status\\":\\"ok\\""; after 1 redirect, at ${server.url}/ready/`,
        '200 OK',
      ),
    )
  })

  it(`follows ${maxRedirects} redirects and no more`, async () => {
    const hop = (n: number) => ({ status: 302, headers: { location: `/${n}` } })
    const server = await serve({
      script: {
        '/0': hop(1),
        '/1': hop(2),
        '/2': hop(3),
        '/3': hop(4),
        '/4': hop(5),
        '/5': {},
        '/6': {},
      },
    })
    const followRedirects = true
    expect(
      await probe(target(`${server.url}/0`, { followRedirects })),
    ).toMatchObject({
      kind: 'done',
    })
    server.script('/5', hop(6))
    expect(await probe(target(`${server.url}/0`, { followRedirects }))).toEqual(
      failFast(`more than 5 redirects (the last to ${server.url}/6)`),
    )
  })

  it('follows a redirect to another host only when allowed, without credentials', async () => {
    const server = await serve({
      script: {
        '/': { status: 302, headers: { location: '/elsewhere' } },
        '/elsewhere': { status: 302, headers: { location: '/ok' } },
        '/ok': {},
      },
    })
    const other = `http://localhost:${server.port}`
    server.script('/', { status: 302, headers: { location: `${other}/ok` } })
    const t = target(`${server.url}/`, {
      followRedirects: true,
      headers: { Authorization: SECRET },
    })
    expect(await probe(t)).toEqual(
      failFast(
        `a redirect to another host, localhost (${other}/ok), is not followed: add it to redirect-hosts to allow it`,
      ),
    )
    const allowed = await probe({ ...t, redirectHosts: ['localhost'] })
    expect(allowed).toMatchObject({ kind: 'done', status: '200 OK' })
    const [, , toOther] = server.requests
    expect(toOther?.headers.host).toBe(`localhost:${server.port}`)
    expect(toOther?.headers.authorization).toBeUndefined()
  })

  it.each([
    ['ftp://127.0.0.1/ready', failFast('a redirect to ftp: is not followed')],
    ['http://[::1', retryWith('302 Found')],
  ])('does not follow a redirect to %j', async (location, outcome) => {
    const server = await serve({
      script: { '/': { status: 302, headers: { location } } },
    })
    const t = target(`${server.url}/`, { followRedirects: true })
    expect(await probe(t)).toEqual(outcome)
  })

  it('does not follow a redirect from https down to http', async () => {
    const server = await serve({
      tls: certs().leaf,
      script: {
        '/': { status: 301, headers: { location: 'http://127.0.0.1:1/' } },
      },
    })
    const t = target(`${server.url}/`, {
      followRedirects: true,
      tls: { ca: certs().ca },
    })
    expect(await probe(t)).toEqual(
      failFast(
        'a redirect from https to http (http://127.0.0.1:1/) is not followed',
      ),
    )
  })
})
