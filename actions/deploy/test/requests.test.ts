import { describe, expect, it } from '@jest/globals'
import { rollout, stuck } from '../../../test/support/argocd-api.js'
import { NEW, OLD } from '../../../test/support/argocd-api/test-client.js'
import { useDeployHarness } from './deploy-harness.js'

// The deploy core's requests: syncs retried or given up, and the
// applications it cannot read.
const h = useDeployHarness()

describe('deploy sync requests', () => {
  const only = { kind: 'applications', names: ['cortex-dashboard'] } as const

  it('retries a sync answered 5xx, with the back-off', async () => {
    h.api.faults.inject(
      { method: 'POST', path: '/cortex-dashboard/sync', times: 2 },
      { status: 503 },
    )
    const result = await h.run(h.settings({ selection: only }))
    expect(result.healthy).toBe(true)
    expect(h.logger.at('info').slice(1, 4)).toEqual([
      'sync cortex-dashboard: attempt 1 of 5: Argo CD answered 503 Service Unavailable to sync application cortex-dashboard: Service Unavailable, next in 5 s',
      'sync cortex-dashboard: attempt 2 of 5: Argo CD answered 503 Service Unavailable to sync application cortex-dashboard: Service Unavailable, next in 10 s',
      'sync cortex-dashboard: attempt 3 of 5: done',
    ])
    expect(h.clock.slept.slice(0, 2)).toEqual([5_000, 10_000])
  })

  it('fails the wave at once when the token may not sync', async () => {
    h.api.faults.inject(
      { method: 'POST', path: '/sync' },
      { status: 403, body: '{"code":7,"message":"permission denied"}' },
    )
    const result = await h.run(h.settings({ selection: only }))
    expect(result.waves[0]).toMatchObject({ result: 'failed', synced: [] })
    expect(result.waves[0]?.failure).toMatch(
      /^sync cortex-dashboard failed: not allowed to sync application cortex-dashboard \(403: permission denied\): .* \(not retried\)$/,
    )
  })

  it('takes a sync already running to the revision as its own', async () => {
    const app = h.api.state.app('cortex-dashboard')
    app.afterSync = [{}, ...rollout(1)]
    app.startSync(NEW, false)
    const result = await h.run(h.settings({ selection: only }))
    expect(result.healthy).toBe(true)
    expect(h.calls().slice(0, 3)).toEqual([
      'GET /cortex-dashboard',
      'POST /cortex-dashboard/sync',
      'GET /cortex-dashboard',
    ])
  })

  it('waits out an operation to another revision, then gives up', async () => {
    const app = h.api.state.app('cortex-dashboard')
    app.afterSync = stuck()
    app.startSync(OLD, false)
    const result = await h.run(h.settings({ selection: only }))
    expect(result.waves[0]?.failure).toBe(
      'sync cortex-dashboard failed after 5 attempts (last: Argo CD refused to sync application cortex-dashboard (400: another operation is already in progress)) in 1 min 15 s',
    )
  })
})

describe('deploy reading the applications', () => {
  it('names every application it cannot read, and syncs nothing', async () => {
    await expect(
      h.run(
        h.settings({
          selection: {
            kind: 'applications',
            names: ['cortex-dashboard', 'cortex-ghost'],
          },
        }),
      ),
    ).rejects.toThrow(
      'get cortex-ghost failed: application cortex-ghost not found (404: applications.argoproj.io "cortex-ghost" not found) (not retried)',
    )
    expect(h.calls().filter((c) => c.startsWith('POST'))).toEqual([])
  })

  it('says when a project has no applications', async () => {
    await expect(
      h.run(h.settings({ selection: { kind: 'project', project: 'nope' } })),
    ).rejects.toThrow(
      'Argo CD shows no applications in project nope (or the token may not see them)',
    )
  })

  it('refuses a sync wave that is not a whole number', async () => {
    h.api.state.add({
      name: 'cortex-extra',
      project: 'cortex',
      annotations: { 'argocd.argoproj.io/sync-wave': 'last' },
    })
    await expect(h.run(h.settings())).rejects.toThrow(
      'application cortex-extra: annotation argocd.argoproj.io/sync-wave is "last", not a whole number',
    )
  })
})
