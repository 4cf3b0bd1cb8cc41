import { describe, expect, it } from '@jest/globals'
import { ArgoCdClient } from '../../../lib/argocd/index.js'
import { degraded, rollout } from '../../../test/support/argocd-api.js'
import { deploy } from '../../deploy/src/deploy.js'
import { racer } from '../../update-manifests/test/racer.js'
import { DASHBOARD, TOKEN, useRollbackHarness } from './harness.js'

// The production path of issue 8 against the Argo CD stand-in and real
// git: a release is pushed, deploy's canary wave degrades, and rollback
// returns the GitOps repository and Argo CD to the state deploy recorded.
const h = useRollbackHarness()

/** Deploys `revision` as the deploy stage would; its dashboard degrades. */
async function failingDeploy(revision: string, degrades = true) {
  if (degrades) {
    h.api.state.app('cortex-dashboard').afterSync = degraded({
      'cortex-dashboard': 'Back-off restarting failed container',
    })
  }
  const s = h.settings()
  const client = new ArgoCdClient({ server: s.server, token: TOKEN })
  const result = await h.clock.run(
    deploy(
      {
        ...s,
        selection: { kind: 'project', project: 'cortex' },
        revision,
        backupFile: 'unused',
      },
      { client, clock: h.clock, logger: h.logger },
    ),
  )
  // The old image starts fine again once it is back.
  h.api.state.app('cortex-dashboard').afterSync = rollout()
  return result
}

const origin = (...args: string[]): string =>
  h.repo.run(args, { cwd: h.repo.originDir })

describe('rollback after a failed canary', () => {
  it('reverts the release on main and syncs the dashboard back to the good state', async () => {
    const bad = h.release('2.0.5')
    const deployed = await failingDeploy(bad)
    expect(deployed.waves.map((w) => w.result)).toEqual([
      'healthy',
      'failed',
      'not-started',
    ])
    const before = h.calls().length
    const result = await h.run(h.settings({ backup: deployed.backup }))
    expect(result.outcome).toBe('rolled-back')
    const sha = result.revert?.sha ?? ''
    expect(origin('rev-parse', 'main')).toBe(sha)
    expect(origin('rev-parse', `${sha}^`)).toBe(bad)
    // The whole tree is the good commit's again.
    expect(origin('diff', '--stat', h.good, sha)).toBe('')
    expect(h.onOrigin(DASHBOARD)).toContain('newTag: 2.0.4')
    expect(origin('log', '-1', '--format=%s', sha)).toBe(
      `revert: roll back cortex-dashboard to ${h.good.slice(0, 7)}`,
    )
    expect(result.revert).toMatchObject({ method: 'revert', attempts: 1 })
    expect(result.apps.map((a) => [a.name, a.action])).toEqual([
      ['cortex-monitoring', 'none'],
      ['cortex-dashboard', 'synced'],
      ['cortex-mcp-orch', 'none'],
    ])
    expect(h.calls().slice(before)).toEqual([
      'GET /cortex-monitoring',
      'GET /cortex-dashboard',
      'GET /cortex-mcp-orch',
      'POST /cortex-dashboard/sync',
      'GET /cortex-dashboard',
      'GET /cortex-dashboard',
    ])
    const dashboard = h.api.state.app('cortex-dashboard')
    expect([dashboard.revision, dashboard.sync, dashboard.health]).toEqual([
      sha,
      'Synced',
      'Healthy',
    ])
    // Wave 2 was never started: still at the good commit.
    expect(h.api.state.app('cortex-mcp-orch').revision).toBe(h.good)
  })

  it('returns to the last deployment when verify-health fails after a healthy deploy', async () => {
    const bad = h.release('2.0.5')
    // Argo CD has compared the new commit: OutOfSync, still running good.
    for (const app of h.api.state.list()) {
      app.apply({ sync: 'OutOfSync', revision: bad })
    }
    const deployed = await failingDeploy(bad, false)
    expect(deployed.healthy).toBe(true)
    expect(deployed.backup.applications.map((a) => a.revision)).toEqual([
      h.good,
      h.good,
      h.good,
    ])
    // verify-health then finds the dashboard failing its probes.
    h.api.state.app('cortex-dashboard').apply({ health: 'Degraded' })
    const result = await h.run(h.settings({ backup: deployed.backup }))
    expect(result.outcome).toBe('rolled-back')
    expect(result.apps.map((a) => a.action)).toEqual(['none', 'synced', 'none'])
    expect(h.api.state.app('cortex-dashboard').revision).toBe(
      result.revert?.sha,
    )
    expect(origin('diff', '--stat', h.good, 'main')).toBe('')
  })

  it('changes nothing when run again', async () => {
    const deployed = await failingDeploy(h.release('2.0.5'))
    await h.run(h.settings({ backup: deployed.backup }))
    const main = origin('rev-parse', 'main')
    const before = h.calls().length
    const again = await h.run(h.settings({ backup: deployed.backup }))
    expect(again).toMatchObject({
      outcome: 'already-at-good-state',
      waves: [],
    })
    expect(again.revert?.sha).toBeUndefined()
    expect(origin('rev-parse', 'main')).toBe(main)
    expect(
      h
        .calls()
        .slice(before)
        .every((c) => c.startsWith('GET')),
    ).toBe(true)
    expect(h.logger.at('info')).toContain(
      'the paths already match the recorded revisions: nothing to commit',
    )
  })

  it('lands once when another pusher wins the race, re-applied on their commit', async () => {
    const bad = h.release('2.0.5')
    const deployed = await failingDeploy(bad)
    racer(h.repo, false)
    const result = await h.run(h.settings({ backup: deployed.backup }))
    expect(result.outcome).toBe('rolled-back')
    expect(result.revert?.attempts).toBe(2)
    const log = origin('log', '--format=%s', `${h.good}..main`).split('\n')
    expect(log).toEqual([
      `revert: roll back cortex-dashboard to ${h.good.slice(0, 7)}`,
      'chore: the other pusher',
      'chore(deploy): set cortex-dashboard:2.0.5',
    ])
    expect(h.onOrigin(DASHBOARD)).toContain('newTag: 2.0.4')
    expect(h.onOrigin('racer.txt')).not.toBe('')
    expect(h.logger.at('warning')).toEqual([
      'push rejected: main moved on the remote; fetching and re-applying the revert (attempt 2 of 4)',
    ])
    const synced = h.api.requests.filter((r) => r.path.endsWith('/sync'))
    expect(synced.at(-1)?.body).toMatchObject({
      revision: result.revert?.sha,
    })
  })
})
