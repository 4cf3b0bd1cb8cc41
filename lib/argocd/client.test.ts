import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  startArgoCdApi,
  type ArgoCdApi,
} from '../../test/support/argocd-api.js'
import {
  cortexApps,
  NEW,
  OLD,
} from '../../test/support/argocd-api/test-client.js'
import { httpRequest } from '../http/index.js'
import {
  appStatus,
  argoCdServerUrl,
  ArgoCdClient,
  ArgoCdError,
  operationRevision,
} from './index.js'

const TOKEN = 'argocd-token-for-the-client-tests'
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

describe('ArgoCdClient reads', () => {
  it('gets one application with the token as a bearer header', async () => {
    const app = await client.getApplication('cortex-dashboard')
    expect(appStatus(app)).toMatchObject({
      name: 'cortex-dashboard',
      sync: 'Synced',
      revisions: [OLD],
      health: 'Healthy',
    })
    expect(api.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/applications/cortex-dashboard',
    })
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('lists the applications of a project, filtered by a selector', async () => {
    const names = async (
      filter: Parameters<ArgoCdClient['listApplications']>[0],
    ): Promise<string[]> =>
      (await client.listApplications(filter)).map((a) => appStatus(a).name)
    expect(await names({ project: 'cortex' })).toEqual([
      'cortex-monitoring',
      'cortex-dashboard',
      'mcp-n8n-workflow',
    ])
    expect(
      await names({
        project: 'cortex',
        selector: 'cortex.example.org/env=production',
      }),
    ).toEqual(['mcp-n8n-workflow'])
    expect(await names({})).toHaveLength(4)
    expect(api.requests[1]?.query).toEqual({
      projects: ['cortex'],
      selector: ['cortex.example.org/env=production'],
    })
  })

  it('reads the managed resources, target and live', async () => {
    const resources = await client.managedResources('mcp-n8n-workflow')
    expect(resources.map((r) => `${r.kind}/${r.name}`)).toEqual([
      'Deployment/mcp-n8n-workflow',
      'Service/mcp-n8n-workflow',
    ])
    expect(resources[0]).toMatchObject({
      group: 'apps',
      namespace: 'mcp-n8n-workflow',
      modified: false,
    })
    expect(resources[0]?.liveState).toContain(OLD)
  })
})

describe('ArgoCdClient operations', () => {
  it('syncs to a revision, with prune, and reads the revision it reports', async () => {
    const app = await client.sync('cortex-dashboard', {
      revision: NEW,
      prune: true,
    })
    expect(operationRevision(app)).toBe(NEW)
    expect(api.requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/applications/cortex-dashboard/sync',
      body: {
        name: 'cortex-dashboard',
        revision: NEW,
        prune: true,
        dryRun: false,
      },
    })
  })

  it('syncs to the target revision when none is given', async () => {
    api.state.app('cortex-dashboard').headRevision = NEW
    const app = await client.sync('cortex-dashboard')
    expect(operationRevision(app)).toBe(NEW)
    expect(api.requests[0]?.body).toEqual({
      name: 'cortex-dashboard',
      prune: false,
      dryRun: false,
    })
  })

  it('rolls back to a history id', async () => {
    const app = await client.rollback('cortex-dashboard', 0)
    expect(operationRevision(app)).toBe(OLD)
    expect(api.requests[0]?.body).toEqual({
      name: 'cortex-dashboard',
      id: 0,
      prune: false,
      dryRun: false,
    })
  })

  it('calls a refusal while another operation runs busy, and transient', async () => {
    await client.sync('cortex-dashboard', { revision: NEW })
    const error = await failure(
      client.sync('cortex-dashboard', { revision: NEW }),
    )
    expect(error).toMatchObject({ kind: 'busy', status: 400, transient: true })
    expect(error.message).toBe(
      'Argo CD refused to sync application cortex-dashboard (400: another operation is already in progress)',
    )
  })

  it('calls a rollback Argo CD refuses final', async () => {
    const error = await failure(client.rollback('guestbook', 0))
    expect(error).toMatchObject({ kind: 'refused', transient: false })
    expect(error.message).toContain(
      'rollback cannot be initiated when auto-sync is enabled',
    )
  })
})

describe('argoCdServerUrl', () => {
  it.each<[string, string]>([
    ['https://argocd.example.org', 'https://argocd.example.org/'],
    ['https://example.org/argocd', 'https://example.org/argocd'],
    ['argocd.example.org:8443', 'https://argocd.example.org:8443/'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
  ])('reads %p as %p', (server, url) => {
    expect(argoCdServerUrl(server).href).toBe(url)
  })

  it.each<[string, string]>([
    ['ftp://argocd.example.org', 'ftp: is not http: or https:'],
    ['https://admin:pw@argocd.example.org', 'credentials belong in the token'],
    ['https://argocd.example.org/?x=1', 'no query or fragment'],
    ['https://', 'not a URL'],
  ])('refuses %p', (server, message) => {
    expect(() => argoCdServerUrl(server)).toThrow(message)
  })

  it('keeps a path prefix in every request', async () => {
    const seen: string[] = []
    const prefixed = new ArgoCdClient({
      server: `${api.url}/argocd/`,
      token: TOKEN,
      send: (url, options) => {
        seen.push(url.pathname + url.search)
        const inner = new URL(url.href)
        inner.pathname = url.pathname.replace(/^\/argocd/, '')
        return httpRequest(inner, options)
      },
    })
    expect(prefixed.server).toBe(`${api.url}/argocd`)
    await prefixed.getApplication('cortex-dashboard')
    await prefixed.listApplications({ project: 'cortex' })
    expect(seen).toEqual([
      '/argocd/api/v1/applications/cortex-dashboard',
      '/argocd/api/v1/applications?projects=cortex',
    ])
  })

  it('keeps only the project asked for, when the server did not filter', async () => {
    const unfiltered = new ArgoCdClient({
      server: api.url,
      token: TOKEN,
      send: () =>
        Promise.resolve({
          status: 200,
          statusText: 'OK',
          headers: {},
          truncated: false,
          body: JSON.stringify({
            items: [
              { metadata: { name: 'a' }, spec: { project: 'cortex' } },
              { metadata: { name: 'b' }, spec: { project: 'prod-critical' } },
              { metadata: { name: 'c' }, spec: {} },
            ],
          }),
        }),
    })
    const apps = await unfiltered.listApplications({ project: 'cortex' })
    expect(apps.map((a) => (a['metadata'] as { name: string }).name)).toEqual([
      'a',
    ])
  })

  it('wants a token', () => {
    expect(() => new ArgoCdClient({ server: api.url, token: '' })).toThrow(
      'an Argo CD token is required',
    )
  })
})

describe('ArgoCdClient against a plain server', () => {
  it('reads an empty list written as null', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"metadata":{},"items":null}')
    })
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve()),
    )
    const { port } = server.address() as AddressInfo
    const plain = new ArgoCdClient({
      server: `http://127.0.0.1:${port}`,
      token: TOKEN,
    })
    try {
      expect(await plain.listApplications({ project: 'none' })).toEqual([])
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
