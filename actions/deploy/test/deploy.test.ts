import { describe, expect, it } from '@jest/globals'
import { degraded } from '../../../test/support/argocd-api.js'
import { NEW } from '../../../test/support/argocd-api/test-client.js'
import type { DeployResult } from '../src/deploy.js'
import { useDeployHarness } from './deploy-harness.js'

// The deploy core against the Argo CD stand-in: waves in order, a failing
// wave stopping the rest, automated applications, and the dry run.
const h = useDeployHarness()

const waveSummary = (result: DeployResult): unknown[] =>
  result.waves.map((w) => [w.wave, w.applications, w.result])

describe('deploy, wave by wave', () => {
  it('syncs monitoring, then the dashboard, then the MCP servers, each healthy before the next', async () => {
    const result = await h.run(h.settings({ prune: true }))
    expect(waveSummary(result)).toEqual([
      [0, ['cortex-monitoring'], 'healthy'],
      [1, ['cortex-dashboard'], 'healthy'],
      [2, ['mcp-n8n-workflow'], 'healthy'],
    ])
    expect(result).toMatchObject({ healthy: true, revision: NEW })
    expect(result.waves.flatMap((w) => w.synced)).toEqual([
      'cortex-monitoring',
      'cortex-dashboard',
      'mcp-n8n-workflow',
    ])
    expect(h.calls()).toEqual([
      'GET /',
      'POST /cortex-monitoring/sync',
      'GET /cortex-monitoring',
      'GET /cortex-monitoring',
      'POST /cortex-dashboard/sync',
      'GET /cortex-dashboard',
      'GET /cortex-dashboard',
      'POST /mcp-n8n-workflow/sync',
      'GET /mcp-n8n-workflow',
      'GET /mcp-n8n-workflow',
    ])
    expect(h.api.requests[1]?.body).toEqual({
      name: 'cortex-monitoring',
      revision: NEW,
      prune: true,
      dryRun: false,
    })
    expect(h.api.requests[0]?.query).toEqual({ projects: ['cortex'] })
    expect(h.logger.at('group')).toEqual([
      'Read the applications',
      'Wave 0: cortex-monitoring',
      'Wave 1: cortex-dashboard',
      'Wave 2: mcp-n8n-workflow',
    ])
  })

  it('waits at the revision each sync reports when none is given', async () => {
    for (const app of h.api.state.list()) app.headRevision = NEW
    const result = await h.run(h.settings({ revision: undefined }))
    expect(result).toMatchObject({ healthy: true, revision: NEW })
    expect(h.api.requests[1]?.body).toEqual({
      name: 'cortex-monitoring',
      prune: false,
      dryRun: false,
    })
    expect(h.logger.at('info')).toContain(
      'cortex-monitoring: sync started to 2222222',
    )
  })

  it('stops at the first failing wave: wave 2 is not started', async () => {
    h.api.state.app('cortex-dashboard').afterSync = degraded(
      { 'cortex-dashboard': 'Back-off restarting failed container' },
      0,
    )
    const result = await h.run(h.settings({ degradedGraceMs: 0 }))
    expect(waveSummary(result)).toEqual([
      [0, ['cortex-monitoring'], 'healthy'],
      [1, ['cortex-dashboard'], 'failed'],
      [2, ['mcp-n8n-workflow'], 'not-started'],
    ])
    expect(result.waves[1]?.failure).toBe(
      'cortex-dashboard: unhealthy: Synced at 2222222, Degraded: Deployment/cortex-dashboard: Back-off restarting failed container (not retried)',
    )
    expect(result.healthy).toBe(false)
    expect(h.calls()).not.toContain('POST /mcp-n8n-workflow/sync')
  })

  it('narrows a project by its label selector', async () => {
    const result = await h.run(
      h.settings({
        selection: {
          kind: 'project',
          project: 'cortex',
          selector: 'cortex.example.org/env=production',
        },
      }),
    )
    expect(waveSummary(result)).toEqual([[2, ['mcp-n8n-workflow'], 'healthy']])
  })

  it('waits on an automated application without syncing it', async () => {
    h.api.state
      .app('guestbook')
      .play([
        { sync: 'OutOfSync', revision: NEW },
        { sync: 'Synced', health: 'Progressing' },
        { health: 'Healthy' },
      ])
    const result = await h.run(
      h.settings({
        selection: {
          kind: 'applications',
          names: ['guestbook', 'cortex-monitoring'],
        },
      }),
    )
    expect(waveSummary(result)).toEqual([
      [0, ['cortex-monitoring', 'guestbook'], 'healthy'],
    ])
    expect(result.waves[0]).toMatchObject({
      synced: ['cortex-monitoring'],
      automated: ['guestbook'],
    })
    expect(h.calls()).not.toContain('POST /guestbook/sync')
    expect(h.logger.at('notice')).toEqual([
      'guestbook syncs automatically; not synced here, waited on like the others',
    ])
  })
})

describe('deploy dry run', () => {
  it('lists the waves in order, syncs nothing', async () => {
    const result = await h.run(
      h.settings({
        dryRun: true,
        selection: {
          kind: 'applications',
          names: ['mcp-n8n-workflow', 'guestbook', 'cortex-dashboard'],
        },
      }),
    )
    expect(waveSummary(result)).toEqual([
      [0, ['guestbook'], 'dry-run'],
      [1, ['cortex-dashboard'], 'dry-run'],
      [2, ['mcp-n8n-workflow'], 'dry-run'],
    ])
    expect(result).toMatchObject({ healthy: false, revision: NEW })
    expect(h.calls().every((c) => c.startsWith('GET'))).toBe(true)
    expect(h.logger.at('info')).toEqual([
      'mcp-n8n-workflow: wave 2, manual sync',
      'guestbook: wave 0, automated sync',
      'cortex-dashboard: wave 1, manual sync',
      [
        'dry run: would sync 3 applications in 3 waves, in this order, to 2222222:',
        '  wave 0: guestbook (automated: waited on, not synced)',
        '  wave 1: cortex-dashboard',
        '  wave 2: mcp-n8n-workflow',
      ].join('\n'),
    ])
  })
})
