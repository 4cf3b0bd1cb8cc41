import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { rollout, stuck, type ArgoCdApi } from './argocd-api.js'
import {
  appOf,
  argoCall,
  startCortexApi,
  brief,
  NEW,
  OLD,
  type AppJson,
  type ListJson,
  type ManagedJson,
} from './argocd-api/test-client.js'

let api: ArgoCdApi

beforeEach(async () => {
  api = await startCortexApi()
})
afterEach(async () => {
  await api.close()
})

const call = (method: string, path: string, body?: unknown) =>
  argoCall(api, method, path, body)

const app = (name: string): Promise<AppJson> => appOf(api, name)

interface ManifestJson {
  metadata: { annotations: Record<string, string> }
}

describe('startArgoCdApi lists', () => {
  it.each<[string, string, string[]]>([
    [
      'every application',
      '',
      [
        'cortex-monitoring',
        'cortex-dashboard',
        'mcp-n8n-workflow',
        'guestbook',
      ],
    ],
    [
      'by project',
      '?projects=cortex',
      ['cortex-monitoring', 'cortex-dashboard', 'mcp-n8n-workflow'],
    ],
    ['by the older project name', '?project=default', ['guestbook']],
    [
      'by several projects',
      '?projects=default&projects=cortex',
      [
        'cortex-monitoring',
        'cortex-dashboard',
        'mcp-n8n-workflow',
        'guestbook',
      ],
    ],
    [
      'by label',
      '?selector=cortex.example.org/env%3Dproduction',
      ['mcp-n8n-workflow'],
    ],
    [
      'by missing label',
      '?selector=!cortex.example.org/env&projects=cortex',
      ['cortex-monitoring', 'cortex-dashboard'],
    ],
    [
      'by a set',
      '?selector=cortex.example.org/env%20in%20(staging,production)',
      ['mcp-n8n-workflow'],
    ],
    ['by name', '?name=guestbook', ['guestbook']],
  ])('lists %s', async (_name, query, names) => {
    const res = await call('GET', `/api/v1/applications${query}`)
    expect(res.status).toBe(200)
    const body = res.body as ListJson
    expect(body.items.map((a) => a.metadata.name)).toEqual(names)
    expect(body.metadata.resourceVersion).toMatch(/^\d+$/)
  })

  it('refuses a selector it cannot read', async () => {
    const res = await call('GET', '/api/v1/applications?selector=a%20in%20b')
    expect(res).toMatchObject({ status: 400, body: { code: 3 } })
  })
})

describe('startArgoCdApi rollback and managed resources', () => {
  it('rolls back to a history id, and refuses an unknown one', async () => {
    const dashboard = api.state.app('cortex-dashboard')
    dashboard.afterSync = rollout(0)
    await call('POST', '/api/v1/applications/cortex-dashboard/sync', {
      revision: NEW,
    })
    await app('cortex-dashboard')
    const res = await call(
      'POST',
      '/api/v1/applications/cortex-dashboard/rollback',
      { id: '0' },
    )
    expect(res.status).toBe(200)
    expect(
      (res.body as AppJson).status.operationState?.operation.sync.revision,
    ).toBe(OLD)
    const after = await app('cortex-dashboard')
    expect(brief(after)).toBe('Synced OLD Healthy Succeeded')
    expect(after.status.history.map((h) => h.id)).toEqual([0, 1, 2])
    const missing = await call(
      'POST',
      '/api/v1/applications/cortex-dashboard/rollback',
      { id: 9 },
    )
    expect(missing).toMatchObject({
      status: 400,
      body: {
        message:
          'application cortex-dashboard does not have deployment with id 9',
      },
    })
  })

  it('refuses a rollback while auto-sync is on', async () => {
    const res = await call('POST', '/api/v1/applications/guestbook/rollback', {
      id: 0,
    })
    expect(res).toMatchObject({
      status: 400,
      body: {
        code: 9,
        message: 'rollback cannot be initiated when auto-sync is enabled',
      },
    })
  })

  it('lists managed resources with target and live states', async () => {
    api.state.app('mcp-n8n-workflow').afterSync = stuck()
    await call('POST', '/api/v1/applications/mcp-n8n-workflow/sync', {
      revision: NEW,
    })
    const res = await call(
      'GET',
      '/api/v1/applications/mcp-n8n-workflow/managed-resources',
    )
    const { items } = res.body as ManagedJson
    expect(items.map((i) => [i.kind, i.modified])).toEqual([
      ['Deployment', true],
      ['Service', true],
    ])
    const live = JSON.parse(items[0]?.liveState ?? '') as ManifestJson
    const target = JSON.parse(items[0]?.targetState ?? '') as ManifestJson
    expect(live).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment' })
    expect(live.metadata.annotations['cortex.example.org/revision']).toBe(OLD)
    expect(target.metadata.annotations['cortex.example.org/revision']).toBe(NEW)
  })
})
