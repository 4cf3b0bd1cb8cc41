import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startGitHubApi, type Fault, type GitHubApi } from './github-api.js'
import { callApi, type JsonAnswer } from './github-api/fetch-json.js'

let api: GitHubApi

beforeEach(async () => {
  api = await startGitHubApi()
})
afterEach(async () => {
  await api.close()
})

/** Calls the stand-in's repository `acme/app` or any absolute URL. */
function call(
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<JsonAnswer> {
  return callApi(api.url, method, path, body, headers)
}

type Json = Record<string, unknown>
const R = '/repos/acme/app'

describe('startGitHubApi requests and faults', () => {
  it('records method, path, query, headers, body and status', async () => {
    await call(
      'POST',
      `${R}/releases?x=1`,
      { tag_name: 'v9' },
      { 'x-test': 'yes' },
    )
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `${R}/releases`,
        query: { x: '1' },
        headers: expect.objectContaining({ 'x-test': 'yes' }) as unknown,
        body: { tag_name: 'v9' },
        status: 201,
      }),
    ])
  })

  it('answers unknown routes with 404 Not Found', async () => {
    const res = await call('GET', '/no/such/route')
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ message: 'Not Found' })
  })

  it('asks for the configured token, as token or Bearer', async () => {
    await api.close()
    api = await startGitHubApi({ token: 'secret' })
    const none = await call('GET', `${R}/releases`)
    expect(none).toMatchObject({
      status: 401,
      body: { message: 'Bad credentials' },
    })
    for (const scheme of ['token', 'Bearer']) {
      const ok = await call('GET', `${R}/releases`, undefined, {
        authorization: `${scheme} secret`,
      })
      expect(ok.status).toBe(200)
    }
  })

  it.each<[string, Fault, number, RegExp]>([
    ['a server error', { status: 502 }, 502, /Bad Gateway/],
    [
      'a secondary rate limit',
      { secondaryRateLimit: { retryAfter: 7 } },
      403,
      /secondary rate limit/,
    ],
    [
      'already exists',
      { status: 422, alreadyExists: true },
      422,
      /Validation Failed/,
    ],
    [
      'a missing permission',
      { status: 403, message: 'Resource not accessible by integration' },
      403,
      /not accessible/,
    ],
  ])(
    'injects %s for the next N matching requests',
    async (_n, fault, status, message) => {
      api.faults.inject({ method: 'POST', path: '/releases', times: 2 }, fault)
      await call('GET', `${R}/releases`)
      for (const tag of ['a', 'b']) {
        const res = await call('POST', `${R}/releases`, { tag_name: tag })
        expect(res.status).toBe(status)
        expect((res.body as Json).message).toMatch(message)
        if ('secondaryRateLimit' in fault) {
          expect(res.headers.get('retry-after')).toBe('7')
        }
      }
      expect(
        (await call('POST', `${R}/releases`, { tag_name: 'c' })).status,
      ).toBe(201)
      expect(api.faults.remaining).toBe(0)
    },
  )

  it('hangs a request until close, which ends it promptly', async () => {
    api.faults.inject({ path: /\/releases$/ }, { hang: true })
    const pending = fetch(`${api.url}${R}/releases`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(api.requests[0]?.status).toBeUndefined()
    const started = Date.now()
    await api.close()
    await expect(pending).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(1000)
    api = await startGitHubApi()
  })
})
