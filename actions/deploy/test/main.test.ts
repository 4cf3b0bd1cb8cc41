import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeClock } from '../../../lib/retry/index.js'
import {
  degraded,
  startArgoCdApi,
  type ArgoCdApi,
} from '../../../test/support/argocd-api.js'
import {
  cortexApps,
  NEW,
  OLD,
} from '../../../test/support/argocd-api/test-client.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'

// main.ts as the runner starts it: INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, against the Argo CD stand-in seeded with the
// Cortex applications, on a fake clock.

const TOKEN = 'argocd-token-for-the-main-tests-7f3a'
let clock: FakeClock
let api: ArgoCdApi
let runnerTemp: string

beforeEach(async () => {
  clock = new FakeClock()
  runnerTemp = mkdtempSync(join(tmpdir(), 'deploy-main-'))
  api = await startArgoCdApi({
    token: TOKEN,
    apps: cortexApps,
    now: () => clock.now(),
  })
})
afterEach(async () => {
  await api.close()
  rmSync(runnerTemp, { recursive: true, force: true })
})

function step(inputs: Record<string, string>): Promise<StageRun> {
  return runInProcess(
    () => clock.run(run({ clock })),
    {
      'argocd-server': api.url,
      'argocd-token': TOKEN,
      project: 'cortex',
      revision: NEW,
      ...inputs,
    },
    { RUNNER_TEMP: runnerTemp },
  )
}

/** The state of the Cortex applications as seeded, before any sync. */
const BEFORE = [
  'cortex-monitoring',
  'cortex-dashboard',
  'mcp-n8n-workflow',
].map((name) => ({
  name,
  revision: OLD,
  sync: 'Synced',
  health: 'Healthy',
  historyId: 0,
  automated: false,
}))
const BACKUP = {
  version: 1,
  recordedAt: '2025-01-01T00:00:00.000Z',
  applications: BEFORE,
}

/** Every place the token could leak, but the line that masks it. */
function shown(run: StageRun): string {
  return [run.outputText, run.summary, run.log]
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

const syncs = (): string[] =>
  api.requests.filter((r) => r.method === 'POST').map((r) => r.path)

describe('the deploy stage', () => {
  it('deploys the Cortex waves in order and reports each', async () => {
    const run = await step({})
    expectOk(run)
    expect(syncs()).toEqual([
      '/api/v1/applications/cortex-monitoring/sync',
      '/api/v1/applications/cortex-dashboard/sync',
      '/api/v1/applications/mcp-n8n-workflow/sync',
    ])
    expect(run.outputs).toEqual({
      applications:
        '["cortex-monitoring","cortex-dashboard","mcp-n8n-workflow"]',
      revision: NEW,
      waves: JSON.stringify([
        { wave: 0, applications: ['cortex-monitoring'], result: 'healthy' },
        { wave: 1, applications: ['cortex-dashboard'], result: 'healthy' },
        { wave: 2, applications: ['mcp-n8n-workflow'], result: 'healthy' },
      ]),
      healthy: 'true',
      'previous-revisions': JSON.stringify(BACKUP),
      'backup-file': join(runnerTemp, 'cortex-deploy-backup.json'),
    })
    expect(run.summary).toBe(
      [
        '### deploy',
        '',
        '3 waves healthy at 2222222',
        '',
        '| wave | applications | result | detail |',
        '| --- | --- | --- | --- |',
        '| 0 | cortex-monitoring | ✅ healthy | cortex-monitoring: Synced at 2222222, Healthy in 5 s |',
        '| 1 | cortex-dashboard | ✅ healthy | cortex-dashboard: Synced at 2222222, Healthy in 5 s |',
        '| 2 | mcp-n8n-workflow | ✅ healthy | mcp-n8n-workflow: Synced at 2222222, Healthy in 5 s |',
        '',
        'Before the deploy (`previous-revisions`, what a rollback returns to):',
        '',
        '| application | revision | sync | health | history id |',
        '| --- | --- | --- | --- | --- |',
        '| cortex-monitoring | 1111111 | Synced | Healthy | 0 |',
        '| cortex-dashboard | 1111111 | Synced | Healthy | 0 |',
        '| mcp-n8n-workflow | 1111111 | Synced | Healthy | 0 |',
        '',
      ].join('\n'),
    )
    expect(run.log).toContain('::group::Wave 1: cortex-dashboard')
  })

  it('stops at a failing wave 1: wave 2 is not started, the step fails', async () => {
    api.state.app('cortex-dashboard').afterSync = degraded({
      'cortex-dashboard': 'Back-off restarting failed container',
    })
    const run = await step({ 'degraded-grace': '10s' })
    expect(run.failed).toBe(true)
    expect(syncs()).not.toContain('/api/v1/applications/mcp-n8n-workflow/sync')
    const failure =
      'cortex-dashboard: unhealthy: Synced at 2222222, Degraded for 10 s: Deployment/cortex-dashboard: Back-off restarting failed container (not retried)'
    expect(JSON.parse(run.outputs['waves'] ?? '')).toEqual([
      { wave: 0, applications: ['cortex-monitoring'], result: 'healthy' },
      {
        wave: 1,
        applications: ['cortex-dashboard'],
        result: 'failed',
        failure,
      },
      { wave: 2, applications: ['mcp-n8n-workflow'], result: 'not-started' },
    ])
    expect(run.outputs['healthy']).toBe('false')
    expect(run.outputs['applications']).toBe(
      '["cortex-monitoring","cortex-dashboard"]',
    )
    expect(run.log).toContain(
      `::error::wave 1 failed: ${failure}; 1 later wave not started`,
    )
    expect(run.summary).toContain(
      '| 2 | mcp-n8n-workflow | ⏸️ not started |  |',
    )
  })

  it('retries a sync answered 503 and goes on', async () => {
    api.faults.inject(
      { method: 'POST', path: '/cortex-dashboard/sync' },
      { status: 503 },
    )
    const run = await step({})
    expectOk(run)
    expect(syncs().filter((p) => p.includes('cortex-dashboard'))).toHaveLength(
      2,
    )
    expect(run.log).toContain(
      'sync cortex-dashboard: attempt 1 of 5: Argo CD answered 503 Service Unavailable to sync application cortex-dashboard: Service Unavailable, next in 5 s',
    )
  })

  it('changes nothing in a dry run, and lists the waves', async () => {
    const before = api.state.list().map((a) => a.version)
    const run = await step({ 'dry-run': 'true' })
    expectOk(run)
    expect(syncs()).toEqual([])
    expect(api.state.list().map((a) => a.version)).toEqual(before)
    expect(run.log).toContain(
      'dry run: would sync 3 applications in 3 waves, in this order, to 2222222:\n  wave 0: cortex-monitoring\n  wave 1: cortex-dashboard\n  wave 2: mcp-n8n-workflow',
    )
    expect(run.outputs['healthy']).toBe('false')
    expect(run.outputs['applications']).toBe('[]')
    expect(run.summary).toContain(
      'dry run: 3 waves to sync at 2222222, nothing synced',
    )
  })

  it('shows the token nowhere but to mask it, even when refused', async () => {
    const ok = await step({})
    expect(ok.log).toContain(`::add-mask::${TOKEN}`)
    expect(shown(ok)).not.toContain(TOKEN)
    const wrong = 'eyJhbGciOiJIUzI1NiJ9.a-token-argocd-does-not-know'
    const refused = await step({ 'argocd-token': wrong })
    expect(refused.failed).toBe(true)
    expect(refused.log).toMatch(
      /^::error::list project cortex failed: Argo CD rejected the token/m,
    )
    expect(shown(refused)).not.toContain(wrong)
  })

  it('warns when TLS is not checked', async () => {
    const run = await step({
      'insecure-skip-verify': 'true',
      'dry-run': 'true',
    })
    expect(run.log).toContain('::warning title=Insecure TLS::')
  })

  it('reports a bad input as a configuration error', async () => {
    const run = await step({ revision: 'main' })
    expect(run.failed).toBe(true)
    expect(run.log).toContain(
      `::error::Configuration error: input 'revision': got "main"; expected a commit SHA`,
    )
    expect(api.requests).toEqual([])
  })
})
