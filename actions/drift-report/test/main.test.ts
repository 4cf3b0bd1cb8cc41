import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { FakeClock } from '../../../lib/retry/index.js'
import {
  startArgoCdApi,
  type ArgoCdApi,
} from '../../../test/support/argocd-api.js'
import {
  cortexApps,
  NEW,
} from '../../../test/support/argocd-api/test-client.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'

// main.ts as the runner starts it, against the Argo CD stand-in seeded with
// the Cortex applications: the dashboard drifted from Git (OutOfSync), an
// MCP server Degraded, the rest Synced and Healthy.

const TOKEN = 'argocd-token-for-the-drift-tests-5d1e'
const CRASH = 'Back-off restarting failed container mcp'
let clock: FakeClock
let api: ArgoCdApi

beforeEach(async () => {
  clock = new FakeClock()
  api = await startArgoCdApi({
    token: TOKEN,
    apps: cortexApps,
    now: () => clock.now(),
  })
  api.state.app('cortex-dashboard').apply({
    sync: 'OutOfSync',
    revision: NEW,
    allResources: { sync: 'OutOfSync' },
  })
  api.state.app('mcp-n8n-workflow').apply({
    health: 'Degraded',
    resources: {
      'Deployment/mcp-n8n-workflow': { health: 'Degraded', message: CRASH },
    },
  })
})
afterEach(async () => {
  await api.close()
})

function step(inputs: Record<string, string>): Promise<StageRun> {
  return runInProcess(
    () => clock.run(run({ clock })),
    { 'argocd-server': api.url, 'argocd-token': TOKEN, ...inputs },
    {},
  )
}

describe('the drift report', () => {
  it('lists the OutOfSync and Degraded applications with the resources that differ', async () => {
    const run = await step({ project: 'cortex' })
    expectOk(run)
    expect(run.outputs['drifted']).toBe('2')
    expect(run.outputs['checked']).toBe('3')
    expect(run.outputs['applications']).toBe(
      '["cortex-dashboard","mcp-n8n-workflow"]',
    )
    expect(JSON.parse(run.outputs['report'] ?? '')).toEqual([
      {
        name: 'cortex-dashboard',
        sync: 'OutOfSync',
        health: 'Healthy',
        revision: '2222222',
        resources: [
          {
            group: 'apps',
            kind: 'Deployment',
            namespace: 'cortex-dashboard',
            name: 'cortex-dashboard',
            modified: true,
            sync: 'OutOfSync',
            health: 'Healthy',
            message: '',
          },
        ],
      },
      {
        name: 'mcp-n8n-workflow',
        sync: 'Synced',
        health: 'Degraded',
        revision: '1111111',
        resources: [
          {
            group: 'apps',
            kind: 'Deployment',
            namespace: 'mcp-n8n-workflow',
            name: 'mcp-n8n-workflow',
            modified: false,
            sync: 'Synced',
            health: 'Degraded',
            message: CRASH,
          },
        ],
      },
    ])
    const message =
      '2 of 3 Argo CD applications drifted: cortex-dashboard (OutOfSync, Healthy: 1 resource); mcp-n8n-workflow (Synced, Degraded: 1 resource)'
    expect(run.outputs['message']).toBe(message)
    expect(run.summary).toBe(
      [
        '### drift report',
        '',
        message,
        '',
        '| application | sync | health | revision | resources |',
        '| --- | --- | --- | --- | --- |',
        '| cortex-monitoring | Synced | Healthy | 1111111 |  |',
        '| cortex-dashboard | ⚠️ OutOfSync | Healthy | 2222222 | 1 |',
        '| mcp-n8n-workflow | Synced | ❌ Degraded | 1111111 | 1 |',
        '',
        '| application | resource | what |',
        '| --- | --- | --- |',
        '| cortex-dashboard | Deployment cortex-dashboard/cortex-dashboard | differs from Git |',
        `| mcp-n8n-workflow | Deployment mcp-n8n-workflow/mcp-n8n-workflow | Degraded, ${CRASH} |`,
        '',
      ].join('\n'),
    )
  })

  it('changes nothing: every request it sends is a GET', async () => {
    const before = api.state.list().map((a) => a.version)
    await step({})
    expect(api.requests.length).toBeGreaterThan(0)
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(api.requests.map((r) => r.path)).toEqual([
      '/api/v1/applications',
      '/api/v1/applications/cortex-dashboard/managed-resources',
      '/api/v1/applications/mcp-n8n-workflow/managed-resources',
    ])
    expect(api.state.list().map((a) => a.version)).toEqual(before)
  })

  it.each<[string, Record<string, string>, string[]]>([
    [
      'every application the token sees',
      {},
      [
        'cortex-monitoring',
        'cortex-dashboard',
        'mcp-n8n-workflow',
        'guestbook',
      ],
    ],
    [
      'named applications',
      { applications: 'guestbook\ncortex-dashboard' },
      ['guestbook', 'cortex-dashboard'],
    ],
    [
      'a project narrowed by a selector',
      { project: 'cortex', selector: 'cortex.example.org/env=production' },
      ['mcp-n8n-workflow'],
    ],
    [
      'a selector alone',
      { selector: 'cortex.example.org/env=production' },
      ['mcp-n8n-workflow'],
    ],
  ])('reads %s', async (_name, inputs, checked) => {
    const run = await step(inputs)
    expectOk(run)
    expect(run.outputs['checked']).toBe(String(checked.length))
    for (const name of checked) expect(run.log).toContain(`\n${name}: `)
  })

  it('says all is well when nothing drifted, and reads no resources', async () => {
    const run = await step({ applications: 'cortex-monitoring\nguestbook' })
    expectOk(run)
    expect(run.outputs['drifted']).toBe('0')
    expect(run.outputs['message']).toBe(
      'no drift: all 2 Argo CD applications Synced and Healthy',
    )
    expect(api.requests.map((r) => r.path)).not.toContain(
      '/api/v1/applications/cortex-monitoring/managed-resources',
    )
  })

  it('reports an application whose resources it may not read, and goes on', async () => {
    api.faults.inject(
      { path: '/cortex-dashboard/managed-resources' },
      {
        status: 403,
        body: JSON.stringify({
          error: 'denied',
          code: 7,
          message: 'permission denied',
        }),
      },
    )
    const run = await step({ project: 'cortex' })
    expectOk(run)
    const report = JSON.parse(run.outputs['report'] ?? '') as {
      resourcesError?: string
    }[]
    expect(report[0]?.resourcesError).toMatch(
      /^get the resources of cortex-dashboard failed: not allowed to get the resources of application cortex-dashboard/,
    )
    expect(run.log).toContain(
      '::warning title=Resources not read::cortex-dashboard: ',
    )
  })

  it('fails the step on drift when asked, with the headline', async () => {
    const run = await step({ project: 'cortex', 'fail-on-drift': 'true' })
    expect(run.failed).toBe(true)
    expect(run.log).toContain('::error::2 of 3 Argo CD applications drifted')
    expect(run.outputs['drifted']).toBe('2')
  })

  it('shows the token nowhere but to mask it', async () => {
    const ok = await step({})
    const shown = [ok.outputText, ok.summary, ok.log]
      .join('\n')
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
    expect(shown).not.toContain(TOKEN)
  })

  it('names a bad input', async () => {
    const run = await step({
      applications: 'cortex-dashboard',
      project: 'cortex',
    })
    expect(run.failed).toBe(true)
    expect(run.log).toContain(
      `::error::Configuration error: input 'project': got "cortex"; expected no project when applications are named: one or the other`,
    )
    expect(api.requests).toEqual([])
  })
})
