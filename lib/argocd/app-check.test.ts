import { describe, expect, it } from '@jest/globals'
import { failedSync, rollout, stuck } from '../../test/support/argocd-api.js'
import { NEW, OLD } from '../../test/support/argocd-api/test-client.js'
import { HARNESS_TOKEN, useCheckHarness } from './app-check-harness.js'
import { appCheck, ArgoCdClient } from './index.js'

// appCheck against the Argo CD stand-in on a fake clock: an application
// already healthy (C43), a rollout after a sync, the settle period, and
// the errors that end a wait at once or are waited out.
const h = useCheckHarness()

describe('appCheck, C43: already healthy before the wait starts', () => {
  const R = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b'

  it.each([
    ['the full SHA', R],
    ['a 7-digit prefix', '1a2b3c4'],
  ])('succeeds on the first poll, expecting %s', async (_name, expected) => {
    h.api.state.add({ name: 'api-staging', revision: R })
    const { report, lines } = await h.wait({
      name: 'api-staging',
      expectedRevision: expected,
    })
    expect(report).toMatchObject({
      name: 'argocd/api-staging',
      kind: 'argocd',
      healthy: true,
      attempts: 1,
      lastStatus: 'Synced at 1a2b3c4, Healthy',
      detail: R,
      timeToHealthyMs: 0,
    })
    expect(lines).toEqual(['attempt 1 of 8: Synced at 1a2b3c4, Healthy'])
    expect(h.clock.slept).toEqual([])
  })

  it('takes any revision when none is expected', async () => {
    const { report } = await h.wait({ name: 'cortex-dashboard' })
    expect(report).toMatchObject({
      healthy: true,
      attempts: 1,
      lastStatus: 'Synced at 1111111, Healthy',
    })
  })
})

describe('appCheck after a sync', () => {
  it('polls until Synced and Healthy at the revision, logging each state', async () => {
    await h.syncWith('cortex-dashboard', rollout(2))
    const { report, lines } = await h.wait({
      name: 'cortex-dashboard',
      expectedRevision: NEW,
    })
    expect(report).toMatchObject({ healthy: true, attempts: 3 })
    expect(lines).toEqual([
      'attempt 1 of 8: Synced at 2222222, Progressing, next in 5 s',
      'attempt 2 of 8: Synced at 2222222, Progressing, next in 10 s',
      'attempt 3 of 8: Synced at 2222222, Healthy',
    ])
    expect(report.timeToHealthyMs).toBe(15_000)
  })

  it('keeps waiting while the sync has not applied the revision', async () => {
    await h.syncWith('cortex-dashboard', stuck())
    const { report } = await h.wait(
      { name: 'cortex-dashboard', expectedRevision: NEW },
      { attempts: 3 },
    )
    expect(report).toMatchObject({
      healthy: false,
      stoppedBy: 'attempts',
      lastStatus: 'OutOfSync, at 1111111 waiting for 2222222, sync Running',
    })
  })

  it('fails fast with Argo CD’s message when the sync of the revision fails', async () => {
    await h.syncWith(
      'cortex-dashboard',
      failedSync('admission webhook "policy" denied the request'),
    )
    const { report } = await h.wait({
      name: 'cortex-dashboard',
      expectedRevision: NEW,
    })
    expect(report).toMatchObject({ healthy: false, attempts: 1 })
    expect(report.failure).toBe(
      'unhealthy: sync to 2222222 Failed: admission webhook "policy" denied the request (OutOfSync, at 1111111 waiting for 2222222) (not retried)',
    )
  })
})

describe('appCheck settle period', () => {
  it('holds healthy for the settle period before it counts', async () => {
    await h.syncWith('cortex-dashboard', rollout(0))
    const { report, lines } = await h.wait({
      name: 'cortex-dashboard',
      expectedRevision: NEW,
      settleMs: 60_000,
    })
    expect(lines).toEqual([
      'attempt 1 of 8: Synced at 2222222, Healthy, settling: 1 min left, next in 1 min',
      'attempt 2 of 8: Synced at 2222222, Healthy, held 1 min',
    ])
    expect(report).toMatchObject({ healthy: true, timeToHealthyMs: 60_000 })
  })

  it('starts the settle period again when health wavers', async () => {
    await h.syncWith('cortex-dashboard', [
      ...rollout(0),
      { health: 'Progressing' },
      { health: 'Healthy' },
    ])
    const { report, lines } = await h.wait({
      name: 'cortex-dashboard',
      expectedRevision: NEW,
      settleMs: 20_000,
    })
    expect(lines).toEqual([
      'attempt 1 of 8: Synced at 2222222, Healthy, settling: 20 s left, next in 20 s',
      'attempt 2 of 8: Synced at 2222222, Progressing, next in 10 s',
      'attempt 3 of 8: Synced at 2222222, Healthy, settling: 20 s left, next in 20 s',
      'attempt 4 of 8: Synced at 2222222, Healthy, held 20 s',
    ])
    expect(report.healthy).toBe(true)
  })

  it('starts the settle period again after a Degraded reading within the grace', async () => {
    await h.syncWith('cortex-dashboard', [
      ...rollout(0),
      { health: 'Degraded' },
      { health: 'Healthy' },
    ])
    const { report, lines } = await h.wait({
      name: 'cortex-dashboard',
      expectedRevision: NEW,
      settleMs: 20_000,
      degradedGraceMs: 60_000,
    })
    expect(lines).toEqual([
      'attempt 1 of 8: Synced at 2222222, Healthy, settling: 20 s left, next in 20 s',
      'attempt 2 of 8: Synced at 2222222, Degraded (1 min of grace left), next in 10 s',
      'attempt 3 of 8: Synced at 2222222, Healthy, settling: 20 s left, next in 20 s',
      'attempt 4 of 8: Synced at 2222222, Healthy, held 20 s',
    ])
    expect(report.healthy).toBe(true)
  })
})

describe('appCheck errors', () => {
  it('fails fast on an application not found', async () => {
    const { report } = await h.wait({ name: 'cortex-ghost' })
    expect(report).toMatchObject({ healthy: false, attempts: 1 })
    expect(report.failure).toBe(
      'unhealthy: application cortex-ghost not found (404: applications.argoproj.io "cortex-ghost" not found) (not retried)',
    )
  })

  it('fails fast on a token rejected, and never shows it', async () => {
    const stolen = 'eyJhbGciOiJIUzI1NiJ9.not-the-token'
    const wrong = new ArgoCdClient({ server: h.api.url, token: stolen })
    const { report, lines } = await h.wait(
      { name: 'cortex-dashboard' },
      {},
      wrong,
    )
    expect(report).toMatchObject({ healthy: false, attempts: 1 })
    expect(report.failure).toMatch(/^unhealthy: Argo CD rejected the token/)
    expect(JSON.stringify({ report, lines })).not.toContain(stolen)
    expect(JSON.stringify({ report, lines })).not.toContain(HARNESS_TOKEN)
  })

  it('retries a 5xx and a hung request', async () => {
    h.api.faults.inject({ path: '/cortex-dashboard' }, { status: 503 })
    h.api.faults.inject({ path: '/cortex-dashboard' }, { hang: true })
    const { report, lines } = await h.wait({
      name: 'cortex-dashboard',
      expectedRevision: OLD,
    })
    expect(lines).toEqual([
      'attempt 1 of 8: Argo CD answered 503 Service Unavailable to get application cortex-dashboard: Service Unavailable, next in 5 s',
      'attempt 2 of 8: timeout after 10 s, next in 10 s',
      'attempt 3 of 8: Synced at 1111111, Healthy',
    ])
    expect(report.healthy).toBe(true)
  })

  it('refuses an empty expected revision', () => {
    expect(() =>
      appCheck(h.client, { name: 'x', expectedRevision: ' ', clock: h.clock }),
    ).toThrow('expected revision of x is empty')
  })
})
