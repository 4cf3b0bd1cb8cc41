import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import {
  degraded,
  failedSync,
  rollout,
  stuck,
  syncedAt,
  type ArgoCdApi,
} from './argocd-api.js'
import {
  appOf,
  argoCall,
  startCortexApi,
  brief,
  NEW,
  OLD,
  type AppJson,
} from './argocd-api/test-client.js'
import { done, FakeClock, retry, retryWith } from '../../lib/retry/index.js'

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

describe('startArgoCdApi applications', () => {
  it("answers an application in Argo CD's shape", async () => {
    const a = await app('cortex-dashboard')
    expect(a.metadata).toMatchObject({
      name: 'cortex-dashboard',
      namespace: 'argocd',
      annotations: { 'argocd.argoproj.io/sync-wave': '1' },
    })
    expect(a.spec).toMatchObject({
      project: 'cortex',
      source: { targetRevision: 'main' },
      syncPolicy: { syncOptions: ['CreateNamespace=true'] },
    })
    expect(a.spec.syncPolicy.automated).toBeUndefined()
    expect(a.status).toMatchObject({
      sync: { status: 'Synced', revision: OLD },
      health: { status: 'Healthy' },
      history: [{ id: 0, revision: OLD, deployedAt: '2025-06-01T00:00:00Z' }],
      resources: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          name: 'cortex-dashboard',
          namespace: 'cortex-dashboard',
          status: 'Synced',
          health: { status: 'Healthy' },
        },
      ],
    })
    expect(a.status.operationState).toBeUndefined()
  })

  it('syncs to a revision, then polls to Synced and Healthy at it', async () => {
    api.state.app('cortex-dashboard').afterSync = rollout(2)
    const res = await call(
      'POST',
      '/api/v1/applications/cortex-dashboard/sync',
      {
        revision: NEW,
        prune: true,
      },
    )
    expect(res.status).toBe(200)
    expect(brief(res.body as AppJson)).toBe('OutOfSync OLD Healthy Running')
    expect((res.body as AppJson).operation?.sync).toMatchObject({
      revision: NEW,
    })
    const seen: string[] = []
    for (let i = 0; i < 4; i++) seen.push(brief(await app('cortex-dashboard')))
    expect(seen).toEqual([
      'Synced NEW Progressing Succeeded',
      'Synced NEW Progressing Succeeded',
      'Synced NEW Healthy Succeeded',
      'Synced NEW Healthy Succeeded',
    ])
    const last = await app('cortex-dashboard')
    expect(last.status.history.map((h) => h.revision)).toEqual([OLD, NEW])
    expect(last.status.operationState?.syncResult).toMatchObject({
      revision: NEW,
    })
  })

  it('is waited on by lib/retry on a fake clock, the schedule exact', async () => {
    await call('POST', '/api/v1/applications/cortex-monitoring/sync', {
      revision: NEW,
    })
    const clock = new FakeClock(0)
    const result = await clock.run(
      retry(
        async () => {
          const a = await app('cortex-monitoring')
          const healthy = brief(a) === 'Synced NEW Healthy Succeeded'
          return healthy ? done(a) : retryWith(brief(a))
        },
        { clock },
      ),
    )
    expect(result).toMatchObject({ ok: true, attempts: 2, delays: [5_000] })
  })

  it('syncs to the head revision when none is asked for', async () => {
    api.state.app('cortex-monitoring').headRevision = NEW
    await call('POST', '/api/v1/applications/cortex-monitoring/sync', {})
    await app('cortex-monitoring')
    expect(brief(await app('cortex-monitoring'))).toBe(
      'Synced NEW Healthy Succeeded',
    )
  })

  it('degrades after the sync, naming resources and messages (C45)', async () => {
    api.state.app('mcp-n8n-workflow').afterSync = degraded({
      'Deployment/mcp-n8n-workflow':
        'Deployment "mcp-n8n-workflow" exceeded its progress deadline',
    })
    await call('POST', '/api/v1/applications/mcp-n8n-workflow/sync', {
      revision: NEW,
    })
    expect(brief(await app('mcp-n8n-workflow'))).toBe(
      'Synced NEW Progressing Succeeded',
    )
    const a = await app('mcp-n8n-workflow')
    expect(brief(a)).toBe('Synced NEW Degraded Succeeded')
    expect(a.status.resources.map((r) => [r.kind, r.health])).toEqual([
      [
        'Deployment',
        {
          status: 'Degraded',
          message:
            'Deployment "mcp-n8n-workflow" exceeded its progress deadline',
        },
      ],
      [
        'Service',
        {
          status: 'Progressing',
          message:
            'Waiting for rollout to finish: 1 old replicas are pending termination...',
        },
      ],
    ])
  })

  it.each([
    [
      'stuck, OutOfSync at the old revision',
      stuck(),
      'OutOfSync OLD Healthy Running',
    ],
    [
      'Synced and Healthy, but at the old revision',
      syncedAt(OLD),
      'Synced OLD Healthy Succeeded',
    ],
    ['a failed sync', failedSync(), 'OutOfSync OLD Healthy Failed'],
  ])('plays %s', async (_name, frames, expected) => {
    api.state.app('cortex-dashboard').afterSync = frames
    await call('POST', '/api/v1/applications/cortex-dashboard/sync', {
      revision: NEW,
    })
    for (let i = 0; i < 3; i++) await app('cortex-dashboard')
    expect(brief(await app('cortex-dashboard'))).toBe(expected)
  })

  it('says why a failed sync failed', async () => {
    api.state.app('cortex-dashboard').afterSync =
      failedSync('denied by webhook')
    await call('POST', '/api/v1/applications/cortex-dashboard/sync', {
      revision: NEW,
    })
    const { operationState } = (await app('cortex-dashboard')).status
    expect(operationState).toMatchObject({
      phase: 'Failed',
      message: 'denied by webhook',
    })
    expect(operationState?.syncResult.resources[0]?.status).toBe('SyncFailed')
  })

  it('plays a timeline from the start, with no sync asked for', async () => {
    const a = api.state.add({
      name: 'api-staging',
      revision: OLD,
      timeline: [
        { health: 'Progressing' },
        { sync: 'OutOfSync' },
        { sync: 'Synced', revision: NEW, health: 'Healthy' },
      ],
    })
    const seen: string[] = []
    for (let i = 0; i < 3; i++) seen.push(brief(await app('api-staging')))
    expect(seen).toEqual([
      'Synced OLD Progressing -',
      'OutOfSync OLD Progressing -',
      'Synced NEW Healthy -',
    ])
    expect(a.observations).toBe(3)
  })

  it('refuses a second sync while one runs, as Argo CD does', async () => {
    api.state.app('cortex-dashboard').afterSync = stuck()
    await call('POST', '/api/v1/applications/cortex-dashboard/sync', {
      revision: NEW,
    })
    const again = await call(
      'POST',
      '/api/v1/applications/cortex-dashboard/sync',
      {},
    )
    expect(again).toMatchObject({
      status: 400,
      body: { code: 9, message: 'another operation is already in progress' },
    })
  })

  it('changes nothing on a dry run', async () => {
    const res = await call(
      'POST',
      '/api/v1/applications/cortex-dashboard/sync',
      { revision: NEW, dryRun: true },
    )
    expect(brief(res.body as AppJson)).toBe('Synced OLD Healthy -')
  })

  it("answers 404 in grpc-gateway's shape for an unknown application", async () => {
    const res = await call('GET', '/api/v1/applications/nope')
    expect(res).toMatchObject({
      status: 404,
      body: { code: 5, error: 'applications.argoproj.io "nope" not found' },
    })
  })
})
