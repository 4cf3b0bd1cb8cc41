import { describe, expect, it } from '@jest/globals'
import { degraded } from '../../test/support/argocd-api.js'
import { NEW, OLD } from '../../test/support/argocd-api/test-client.js'
import { useCheckHarness } from './app-check-harness.js'
import type { Application } from './index.js'

// appCheck failing fast on Degraded after a sync, and only then (C45), and
// reading applications of several sources.
const h = useCheckHarness()

describe('appCheck, C45: Degraded after our sync', () => {
  const CRASH =
    'Back-off restarting failed container mcp in pod mcp-n8n-workflow-7d9f_cortex-mcp'

  it('fails once Degraded at the revision past the grace, naming each resource', async () => {
    // Already Degraded at the old revision: that does not count against NEW.
    const app = h.api.state.app('mcp-n8n-workflow')
    app.apply({ health: 'Degraded', allResources: { health: 'Degraded' } })
    await h.syncWith('mcp-n8n-workflow', [
      {},
      ...degraded({
        'Deployment/mcp-n8n-workflow': CRASH,
        'Service/mcp-n8n-workflow': 'no ready endpoints',
      }),
    ])
    const { report, lines } = await h.wait({
      name: 'mcp-n8n-workflow',
      expectedRevision: NEW,
    })
    expect(lines).toEqual([
      'attempt 1 of 8: OutOfSync, at 1111111 waiting for 2222222, sync Running, next in 5 s',
      'attempt 2 of 8: Synced at 2222222, Progressing, next in 10 s',
      'attempt 3 of 8: Synced at 2222222, Degraded (30 s of grace left), next in 20 s',
      'attempt 4 of 8: Synced at 2222222, Degraded (10 s of grace left), next in 40 s',
      `attempt 5 of 8: Synced at 2222222, Degraded for 1 min: Deployment/mcp-n8n-workflow: ${CRASH}; Service/mcp-n8n-workflow: no ready endpoints, not retried`,
    ])
    // Far short of the deadline of 8 attempts (9 min 35 s).
    expect(report).toMatchObject({
      healthy: false,
      stoppedBy: 'fail-fast',
      elapsedMs: 75_000,
    })
  })

  it.each<[string, number, boolean, number]>([
    ['a grace of 0 fails at the first Degraded poll', 0, false, 1],
    ['the default grace outlasts a blip', 30_000, true, 3],
  ])('%s', async (_name, grace, healthy, attempts) => {
    await h.syncWith('cortex-dashboard', [
      {
        sync: 'Synced',
        phase: 'Succeeded',
        health: 'Degraded',
        resources: {
          'cortex-dashboard': {
            health: 'Degraded',
            message: 'Readiness probe failed',
          },
        },
      },
      { health: 'Degraded' },
      { health: 'Healthy', allResources: { health: 'Healthy', message: '' } },
    ])
    const { report } = await h.wait({
      name: 'cortex-dashboard',
      expectedRevision: NEW,
      degradedGraceMs: grace,
    })
    expect(report).toMatchObject({ healthy, attempts })
    if (!healthy) {
      expect(report.failure).toBe(
        'unhealthy: Synced at 2222222, Degraded: Deployment/cortex-dashboard: Readiness probe failed (not retried)',
      )
    }
  })

  it('does not count Degraded pods of the old revision once a refresh names the new one', async () => {
    h.api.state.add({
      name: 'api-staging',
      revision: OLD,
      health: 'Degraded',
      timeline: [
        { sync: 'OutOfSync', revision: NEW },
        { sync: 'Synced', health: 'Healthy' },
      ],
    })
    const { report, lines } = await h.wait({
      name: 'api-staging',
      expectedRevision: NEW,
      degradedGraceMs: 0,
    })
    expect(report.healthy).toBe(true)
    expect(lines[0]).toBe(
      'attempt 1 of 8: OutOfSync at 2222222, Degraded, next in 5 s',
    )
  })
})

describe('appCheck with several sources', () => {
  // Written for this test in the shape of an Argo CD v1alpha1 Application
  // with two sources: a Helm chart by version and a values repository.
  const multi = (health: string, phase = 'Succeeded'): Application => ({
    metadata: { name: 'cortex-monitoring' },
    spec: { sources: [{ chart: 'kube-prometheus-stack' }, { path: 'apps' }] },
    status: {
      sync: { status: 'Synced', revisions: ['65.8.1', NEW] },
      health: { status: health },
      operationState: {
        phase,
        message: 'hook job failed',
        operation: { sync: { revisions: ['65.8.1', NEW] } },
      },
    },
  })
  const reader = (app: Application) => ({
    getApplication: () => Promise.resolve(app),
  })

  it('is healthy when any source is at the expected revision', async () => {
    const { report } = await h.wait(
      { name: 'cortex-monitoring', expectedRevision: NEW.slice(0, 10) },
      {},
      reader(multi('Healthy')),
    )
    expect(report).toMatchObject({
      healthy: true,
      detail: NEW,
      lastStatus: 'Synced at 2222222, Healthy',
    })
  })

  it('takes a chart version, matched exactly, as the expected revision', async () => {
    const { report } = await h.wait(
      { name: 'cortex-monitoring', expectedRevision: '65.8.1' },
      {},
      reader(multi('Healthy')),
    )
    expect(report).toMatchObject({
      healthy: true,
      detail: '65.8.1',
      lastStatus: 'Synced at 65.8.1, Healthy',
    })
  })

  it('shows every source’s revision while it waits for another', async () => {
    const { report } = await h.wait(
      { name: 'cortex-monitoring', expectedRevision: OLD },
      { attempts: 2 },
      reader(multi('Healthy')),
    )
    expect(report.lastStatus).toBe(
      'Synced, at 65.8.1/2222222 waiting for 1111111',
    )
  })

  it('fails fast on a failed operation for any source’s revision', async () => {
    const { report } = await h.wait(
      { name: 'cortex-monitoring', expectedRevision: NEW },
      {},
      reader(multi('Healthy', 'Error')),
    )
    expect(report.failure).toBe(
      'unhealthy: sync to 2222222 Error: hook job failed (Synced at 2222222, Healthy) (not retried)',
    )
  })

  it('ignores a failed operation for another revision', async () => {
    const { report } = await h.wait(
      { name: 'cortex-monitoring', expectedRevision: OLD },
      { attempts: 2 },
      reader(multi('Healthy', 'Failed')),
    )
    expect(report).toMatchObject({ healthy: false, stoppedBy: 'attempts' })
  })
})
