import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startArgoCdApi, type ArgoCdApi, type ArgoFault } from './argocd-api.js'
import { parseSelector } from './argocd-api/selector.js'
import { callApi, type JsonAnswer } from './github-api/fetch-json.js'

let api: ArgoCdApi

beforeEach(async () => {
  api = await startArgoCdApi({ apps: [{ name: 'cortex-dashboard', wave: 1 }] })
})
afterEach(async () => {
  await api.close()
})

const DASHBOARD = '/api/v1/applications/cortex-dashboard'

function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${api.token}` },
): Promise<JsonAnswer> {
  return callApi(api.url, method, path, body, headers)
}

describe('startArgoCdApi auth', () => {
  it('listens on the loopback address only', () => {
    expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it.each<[string, Record<string, string>, number, string | undefined]>([
    ['no token', {}, 401, 'no session information'],
    [
      'a wrong token',
      { authorization: 'Bearer nope' },
      401,
      'invalid session: token signature is invalid',
    ],
    [
      'the token, as bearer',
      { authorization: 'Bearer argocd-stand-in-token' },
      200,
      undefined,
    ],
    [
      'the token, as the UI cookie',
      { cookie: 'x=1; argocd.token=argocd-stand-in-token' },
      200,
      undefined,
    ],
  ])('answers %s with %p', async (_name, headers, status, message) => {
    const res = await call('GET', DASHBOARD, undefined, headers)
    expect(res.status).toBe(status)
    if (message) expect(res.body).toEqual({ error: message, code: 16, message })
  })

  it('takes the token the test names', async () => {
    await api.close()
    api = await startArgoCdApi({ token: 's3cret' })
    expect(api.token).toBe('s3cret')
    const res = await call('GET', '/api/v1/applications', undefined, {
      authorization: 'bearer s3cret',
    })
    expect(res).toMatchObject({ status: 200, body: { items: [] } })
  })
})

describe('startArgoCdApi faults', () => {
  it.each<[string, ArgoFault, number, unknown, string | null]>([
    [
      'a 503',
      { status: 503 },
      503,
      { code: 14, message: 'Service Unavailable' },
      null,
    ],
    [
      'a 429 with Retry-After',
      { status: 429, retryAfter: 7 },
      429,
      { message: 'Too Many Requests' },
      '7',
    ],
    [
      "a proxy's text page",
      { status: 502, body: 'Bad Gateway' },
      502,
      'Bad Gateway',
      null,
    ],
  ])(
    'answers %s, then the API again',
    async (_name, fault, status, body, retryAfter) => {
      api.faults.inject({ path: DASHBOARD }, fault)
      const res = await fetch(`${api.url}${DASHBOARD}`, {
        headers: { authorization: `Bearer ${api.token}` },
      })
      expect(res.status).toBe(status)
      expect(res.headers.get('retry-after')).toBe(retryAfter)
      const text = await res.text()
      if (typeof body === 'string') expect(text).toBe(body)
      else expect(JSON.parse(text)).toMatchObject(body as object)
      expect((await call('GET', DASHBOARD)).status).toBe(200)
    },
  )

  it('faults only the method and the number of requests asked for', async () => {
    api.faults.inject(
      { method: 'POST', path: /\/sync$/, times: 2 },
      { status: 500 },
    )
    expect(api.faults.remaining).toBe(2)
    expect((await call('GET', DASHBOARD)).status).toBe(200)
    expect((await call('POST', `${DASHBOARD}/sync`, {})).status).toBe(500)
    expect((await call('POST', `${DASHBOARD}/sync`, {})).status).toBe(500)
    expect((await call('POST', `${DASHBOARD}/sync`, {})).status).toBe(200)
    expect(api.faults.remaining).toBe(0)
  })

  it('forgets faults not yet used on clear()', async () => {
    api.faults.inject({ path: DASHBOARD, times: 5 }, { status: 503 })
    api.faults.clear()
    expect((await call('GET', DASHBOARD)).status).toBe(200)
  })

  it('hangs a request until the client gives up, and logs it unanswered', async () => {
    api.faults.inject({ path: DASHBOARD }, { hang: true })
    await expect(
      fetch(`${api.url}${DASHBOARD}`, { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow(/aborted|timeout/i)
    expect(api.requests.at(-1)).toMatchObject({ path: DASHBOARD })
    expect(api.requests.at(-1)?.status).toBeUndefined()
  })

  it('drops the connection on a reset', async () => {
    api.faults.inject({ path: DASHBOARD }, { reset: true })
    await expect(fetch(`${api.url}${DASHBOARD}`)).rejects.toThrow(
      'fetch failed',
    )
  })
})

describe('startArgoCdApi requests', () => {
  it('logs method, path, every query value, headers, body and status', async () => {
    await call('POST', `${DASHBOARD}/sync?x=1`, { revision: 'abc' })
    await call('GET', '/api/v1/applications?projects=a&projects=b')
    expect(api.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: `${DASHBOARD}/sync`,
        query: { x: ['1'] },
        body: { revision: 'abc' },
        status: 200,
        headers: expect.objectContaining({
          authorization: `Bearer ${api.token}`,
        }) as unknown,
      }),
      expect.objectContaining({ query: { projects: ['a', 'b'] }, status: 200 }),
    ])
  })

  it('answers an unknown path with 404 and a bad body with 400', async () => {
    expect((await call('GET', '/api/v1/projects/cortex')).status).toBe(404)
    const res = await fetch(`${api.url}${DASHBOARD}/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${api.token}` },
      body: '{not json',
    })
    expect(res.status).toBe(400)
  })

  it('turns a mistake in a script into a 500 the test can see', async () => {
    api.state
      .app('cortex-dashboard')
      .play([{ resources: { ghost: { health: 'Degraded' } } }])
    const res = await call('GET', DASHBOARD)
    expect(res).toMatchObject({ status: 500, body: { code: 13 } })
    expect(JSON.stringify(res.body)).toMatch(
      /frame names no resource of cortex-dashboard: ghost/,
    )
  })
})

describe('startArgoCdApi stepping', () => {
  const timeline = [
    { health: 'Progressing' as const },
    { health: 'Healthy' as const },
  ]

  it('moves a script only when told, with stepOn manual', async () => {
    await api.close()
    api = await startArgoCdApi({
      stepOn: 'manual',
      apps: [{ name: 'a', timeline }],
    })
    const health = async (): Promise<unknown> =>
      (
        (await call('GET', '/api/v1/applications/a')).body as {
          status: { health: unknown }
        }
      ).status.health
    expect(await health()).toEqual({ status: 'Healthy' })
    expect(api.state.app('a').step()).toBe(true)
    expect(await health()).toEqual({ status: 'Progressing' })
    expect(await health()).toEqual({ status: 'Progressing' })
    api.state.app('a').step()
    expect(api.state.app('a').step()).toBe(false)
  })

  it('moves a script on lists too, with stepOn read', async () => {
    await api.close()
    api = await startArgoCdApi({
      stepOn: 'read',
      apps: [{ name: 'a', timeline }],
    })
    await call('GET', '/api/v1/applications')
    await call('GET', '/api/v1/applications/a/managed-resources')
    expect(api.state.app('a').health).toBe('Healthy')
    expect(api.state.app('a').observations).toBe(2)
  })

  it('refuses two applications of one name', () => {
    expect(() => api.state.add({ name: 'cortex-dashboard' })).toThrow(
      /already has/,
    )
    expect(() => api.state.app('nope')).toThrow(/has no application nope/)
  })
})

describe('parseSelector', () => {
  const labels = { env: 'production', tier: 'mcp' }
  it.each<[string, boolean]>([
    ['', true],
    ['env=production', true],
    ['env==production', true],
    ['env!=production', false],
    ['env=staging', false],
    ['env', true],
    ['!env', false],
    ['!owner', true],
    ['env in (staging, production)', true],
    ['env notin (staging,production)', false],
    ['owner notin (x)', true],
    ['env=production,tier=mcp', true],
    ['env=production, tier=web', false],
  ])('%p matches: %p', (selector, expected) => {
    expect(parseSelector(selector)(labels)).toBe(expected)
  })

  it.each(['env in production', '=x', 'a b'])('refuses %p', (selector) => {
    expect(() => parseSelector(selector)).toThrow(/unable to parse requirement/)
  })
})
