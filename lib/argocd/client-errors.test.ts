import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  startArgoCdApi,
  type ArgoCdApi,
} from '../../test/support/argocd-api.js'
import { cortexApps } from '../../test/support/argocd-api/test-client.js'
import { HttpError } from '../http/index.js'
import { ArgoCdClient, ArgoCdError } from './index.js'

// What the client says when a request fails, and whether it may pass.

const TOKEN = 'argocd-token-for-the-client-error-tests'
let api: ArgoCdApi
let client: ArgoCdClient

beforeEach(async () => {
  api = await startArgoCdApi({ token: TOKEN, apps: cortexApps })
  client = new ArgoCdClient({ server: api.url, token: TOKEN })
})
afterEach(async () => {
  await api.close()
})

/** The error `promise` rejects with; fails the test when it resolves. */
async function failure(promise: Promise<unknown>): Promise<ArgoCdError> {
  try {
    await promise
  } catch (error: unknown) {
    if (error instanceof ArgoCdError) return error
    throw error
  }
  throw new Error('expected the request to fail')
}

describe('ArgoCdClient errors', () => {
  it('names the application not found, with Argo CD’s message', async () => {
    const error = await failure(client.getApplication('cortex-ghost'))
    expect(error).toMatchObject({ kind: 'not-found', status: 404 })
    expect(error.transient).toBe(false)
    expect(error.message).toBe(
      'application cortex-ghost not found (404: applications.argoproj.io "cortex-ghost" not found)',
    )
  })

  it('says the token was rejected, and never shows it', async () => {
    const wrong = new ArgoCdClient({ server: api.url, token: 'wrong-token' })
    const error = await failure(wrong.getApplication('cortex-dashboard'))
    expect(error).toMatchObject({ kind: 'unauthorized', transient: false })
    expect(error.message).toBe(
      `Argo CD rejected the token (401: invalid session: token signature is invalid); check that it is a valid, unexpired API token of ${client.host}`,
    )
    expect(error.message).not.toContain('wrong-token')
  })

  it('says what a 403 can mean', async () => {
    api.faults.inject(
      { path: '/sync' },
      {
        status: 403,
        body: JSON.stringify({ code: 7, message: 'permission denied' }),
      },
    )
    const error = await failure(client.sync('cortex-dashboard'))
    expect(error).toMatchObject({ kind: 'forbidden', status: 403 })
    expect(error.message).toMatch(
      /^not allowed to sync application cortex-dashboard \(403: permission denied\): the token's role lacks this permission .* or the application does not exist/,
    )
  })

  it.each<[string, Parameters<ArgoCdApi['faults']['inject']>[1], string]>([
    [
      'a 503 with Argo CD’s body',
      { status: 503 },
      'Argo CD answered 503 Service Unavailable to get application cortex-dashboard: Service Unavailable',
    ],
    [
      'a proxy’s 502 page',
      { status: 502, body: 'Bad Gateway\n<hr>nginx' },
      'Argo CD answered 502 Bad Gateway to get application cortex-dashboard: Bad Gateway',
    ],
    [
      'a 429',
      { status: 429, retryAfter: 3 },
      'Argo CD answered 429 Too Many Requests to get application cortex-dashboard: Too Many Requests',
    ],
  ])('calls %s transient', async (_name, fault, message) => {
    api.faults.inject({ path: '/cortex-dashboard' }, fault)
    const error = await failure(client.getApplication('cortex-dashboard'))
    expect(error).toMatchObject({ kind: 'server', transient: true, message })
  })

  it('calls a dropped connection transient', async () => {
    api.faults.inject({ path: '/cortex-dashboard' }, { reset: true })
    const error = await failure(client.getApplication('cortex-dashboard'))
    expect(error).toMatchObject({ kind: 'connection', transient: true })
    expect(error.message).toMatch(
      /^cannot reach Argo CD at 127\.0\.0\.1:\d+ to get application cortex-dashboard: /,
    )
  })

  it('calls a server that refuses connections transient', async () => {
    const port = (api.url.match(/:(\d+)$/) ?? [])[1]
    await api.close()
    const gone = new ArgoCdClient({
      server: `http://127.0.0.1:${port}`,
      token: TOKEN,
    })
    const error = await failure(gone.listApplications())
    expect(error).toMatchObject({ kind: 'connection', transient: true })
    expect(error.message).toMatch(/refused/i)
    api = await startArgoCdApi()
  })

  it('calls a TLS failure final, and says what to do', async () => {
    const tls = new ArgoCdClient({
      server: 'https://argocd.example.org',
      token: TOKEN,
      send: () =>
        Promise.reject(
          new HttpError(
            'tls',
            'TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)',
          ),
        ),
    })
    const error = await failure(tls.getApplication('cortex-dashboard'))
    expect(error).toMatchObject({ kind: 'tls', transient: false })
    expect(error.message).toBe(
      'TLS error: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT) talking to Argo CD at argocd.example.org; trust its CA with a CA file rather than skipping verification',
    )
  })

  it('says when the answer is not the API’s JSON, as the web UI’s page', async () => {
    api.faults.inject(
      { path: '/cortex-dashboard' },
      { status: 200, body: '<!doctype html><title>Argo CD</title>' },
    )
    const error = await failure(client.getApplication('cortex-dashboard'))
    expect(error).toMatchObject({ kind: 'protocol', transient: false })
    expect(error.message).toMatch(
      /the answer is not JSON; is the server URL right\?$/,
    )
  })

  it('hides the token when a server echoes it back', async () => {
    api.faults.inject(
      { path: '/cortex-dashboard' },
      {
        status: 500,
        body: JSON.stringify({ message: `bad header: Bearer ${TOKEN}` }),
      },
    )
    const error = await failure(client.getApplication('cortex-dashboard'))
    expect(error.message).toBe(
      'Argo CD answered 500 Internal Server Error to get application cortex-dashboard: bad header: Bearer ***',
    )
  })

  it('is aborted by its signal', async () => {
    api.faults.inject({ path: '/cortex-dashboard' }, { hang: true })
    const controller = new AbortController()
    const pending = failure(
      client.getApplication('cortex-dashboard', controller.signal),
    )
    controller.abort()
    expect(await pending).toMatchObject({ kind: 'aborted', transient: true })
  })
})
