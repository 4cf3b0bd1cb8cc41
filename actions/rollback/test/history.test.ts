import { describe, expect, it } from '@jest/globals'
import { ArgoCdClient } from '../../../lib/argocd/index.js'
import { degraded } from '../../../test/support/argocd-api.js'
import { TOKEN, useRollbackHarness } from './harness.js'

// mode argocd-history: Argo CD's own rollback to the deployment the backup
// recorded, for applications without automated sync, against the stand-in.
const h = useRollbackHarness()

/** Syncs the dashboard to `revision`, where it degrades: deployment 1. */
async function badSync(revision: string): Promise<void> {
  const app = h.api.state.app('cortex-dashboard')
  app.afterSync = degraded({ 'cortex-dashboard': 'CrashLoopBackOff' }, 0)
  const client = new ArgoCdClient({ server: h.api.url, token: TOKEN })
  await client.sync('cortex-dashboard', { revision })
  app.step()
  // Argo CD's rollback starts the old image, which is fine.
  app.afterSync = [
    {
      sync: 'Synced',
      phase: 'Succeeded',
      health: 'Healthy',
      allResources: { health: 'Healthy', message: '' },
    },
  ]
}

const history = { mode: 'argocd-history' as const }

describe('mode argocd-history', () => {
  it('rolls the degraded application back to the recorded deployment and waits', async () => {
    const bad = h.release('2.0.5')
    await badSync(bad)
    const before = h.calls().length
    const result = await h.run(h.settings(history))
    expect(result.outcome).toBe('rolled-back')
    expect(result.revert).toBeUndefined()
    expect(h.calls().slice(before)).toEqual([
      'GET /cortex-monitoring',
      'GET /cortex-dashboard',
      'GET /cortex-mcp-orch',
      'POST /cortex-dashboard/rollback',
      'GET /cortex-dashboard',
    ])
    expect(h.api.requests.at(-2)?.body).toEqual({
      name: 'cortex-dashboard',
      id: 0,
      prune: false,
      dryRun: false,
    })
    const app = h.api.state.app('cortex-dashboard')
    expect([app.revision, app.health, app.operation?.kind]).toEqual([
      h.good,
      'Healthy',
      'rollback',
    ])
    expect(h.logger.at('info')).toContain(
      `cortex-dashboard: rollback started to deployment 0 (${h.good.slice(0, 7)})`,
    )
    // Git is left alone in this mode.
    expect(h.repo.run(['rev-parse', 'main'], { cwd: h.repo.originDir })).toBe(
      bad,
    )
  })

  it('counts a rollback Argo CD reports OutOfSync against Git, as it does', async () => {
    const bad = h.release('2.0.5')
    await badSync(bad)
    h.api.state.app('cortex-dashboard').afterSync = [
      { phase: 'Succeeded', health: 'Progressing' },
      { sync: 'OutOfSync', revision: bad, health: 'Healthy' },
    ]
    const result = await h.run(h.settings(history))
    expect(result.outcome).toBe('rolled-back')
    expect(result.waves[0]?.checks?.[0]?.lastStatus).toBe(
      `Synced at ${h.good.slice(0, 7)}, Healthy`,
    )
  })

  it('changes nothing when every application already runs its recorded revision', async () => {
    const result = await h.run(h.settings(history))
    expect(result.outcome).toBe('already-at-good-state')
    expect(h.calls().every((c) => c.startsWith('GET'))).toBe(true)
  })

  it('refuses an application that syncs automatically, before changing anything', async () => {
    await badSync(h.release('2.0.5'))
    h.api.state.app('cortex-monitoring').automated = true
    await expect(h.run(h.settings(history))).rejects.toThrow(
      "mode argocd-history refuses cortex-monitoring: automated sync (and self-heal) would return it to Git's revision at once; use mode gitops, which reverts the change in Git",
    )
    expect(h.calls().filter((c) => c.startsWith('POST /cortex-d'))).toEqual([
      'POST /cortex-dashboard/sync',
    ])
  })

  it('refuses an application the backup records no deployment of', async () => {
    const s = h.settings(history)
    const backup = {
      ...s.backup,
      applications: s.backup.applications.map((a) => ({
        name: a.name,
        revision: a.revision,
        sync: a.sync,
        health: a.health,
        automated: a.automated,
      })),
    }
    await expect(h.run({ ...s, backup })).rejects.toThrow(
      `cortex-monitoring: the backup records no history id for ${h.good.slice(0, 7)}; use mode gitops`,
    )
  })

  it('lists what it would roll back in a dry run', async () => {
    await badSync(h.release('2.0.5'))
    const result = await h.run(h.settings({ ...history, dryRun: true }))
    expect(result.outcome).toBe('dry-run')
    expect(h.logger.at('info')).toContain(
      `dry run: would roll cortex-dashboard back to deployment 0 (${h.good.slice(0, 7)})`,
    )
    expect(h.calls().filter((c) => c.endsWith('/rollback'))).toEqual([])
  })
})
