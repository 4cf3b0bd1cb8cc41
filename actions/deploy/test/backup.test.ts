import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ArgoCdClient } from '../../../lib/argocd/index.js'
import type { Backup } from '../../../lib/argocd-stage/index.js'
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
import { deploy } from '../src/deploy.js'
import { run } from '../src/main.js'
import { useDeployHarness } from './deploy-harness.js'

// The backup deploy records before it syncs anything: the state a rollback
// returns to, as the `previous-revisions` output and a file.

describe('the backup in the deploy core', () => {
  const h = useDeployHarness()

  it('is recorded from the first read, before any sync', async () => {
    let seen: { backup: Backup; calls: string[] } | undefined
    const s = h.settings()
    const client = new ArgoCdClient({ server: s.server, token: s.token })
    const result = await h.clock.run(
      deploy(s, {
        client,
        clock: h.clock,
        logger: h.logger,
        onBackup: (backup) => (seen = { backup, calls: h.calls() }),
      }),
    )
    expect(seen?.calls).toEqual(['GET /'])
    expect(seen?.backup).toEqual(result.backup)
    expect(result.backup.applications.map((a) => a.revision)).toEqual([
      OLD,
      OLD,
      OLD,
    ])
  })

  it('records the last deployment of an application already OutOfSync at the new commit', async () => {
    // update-manifests pushed NEW and Argo CD compared: OutOfSync at NEW,
    // while the pods still run OLD, deployment 0 of status.history.
    h.api.state
      .app('cortex-dashboard')
      .apply({ sync: 'OutOfSync', revision: NEW })
    const result = await h.run(h.settings({ dryRun: true }))
    expect(result.backup.applications[1]).toEqual({
      name: 'cortex-dashboard',
      revision: OLD,
      sync: 'OutOfSync',
      health: 'Healthy',
      historyId: 0,
      automated: false,
    })
  })
})

describe('the backup in the deploy stage', () => {
  const TOKEN = 'argocd-token-for-the-backup-tests-91c2'
  let clock: FakeClock
  let api: ArgoCdApi
  let temp: string

  beforeEach(async () => {
    clock = new FakeClock()
    temp = mkdtempSync(join(tmpdir(), 'deploy-backup-'))
    api = await startArgoCdApi({
      token: TOKEN,
      apps: cortexApps,
      now: () => clock.now(),
    })
  })
  afterEach(async () => {
    await api.close()
    rmSync(temp, { recursive: true, force: true })
  })

  const step = (inputs: Record<string, string>): Promise<StageRun> =>
    runInProcess(
      () => clock.run(run({ clock })),
      {
        'argocd-server': api.url,
        'argocd-token': TOKEN,
        project: 'cortex',
        revision: NEW,
        ...inputs,
      },
      { RUNNER_TEMP: temp, GITHUB_WORKSPACE: temp },
    )
  const posts = (): string[] =>
    api.requests.filter((r) => r.method !== 'GET').map((r) => r.path)

  it('writes the file the output names, with the output’s JSON, in a dry run too', async () => {
    const run = await step({ 'dry-run': 'true', 'backup-file': 'b/pre.json' })
    expectOk(run)
    const file = join(temp, 'b', 'pre.json')
    expect(run.outputs['backup-file']).toBe(file)
    const written = JSON.parse(readFileSync(file, 'utf8')) as Backup
    expect(written).toEqual(JSON.parse(run.outputs['previous-revisions'] ?? ''))
    expect(written.applications.map((a) => a.name)).toEqual([
      'cortex-monitoring',
      'cortex-dashboard',
      'mcp-n8n-workflow',
    ])
    expect(posts()).toEqual([])
  })

  it('sets the backup outputs when a wave fails, recorded before the failing sync', async () => {
    api.state.app('cortex-dashboard').afterSync = degraded({
      'cortex-dashboard': 'Back-off restarting failed container',
    })
    const run = await step({ 'degraded-grace': '0' })
    expect(run.failed).toBe(true)
    const backup = JSON.parse(run.outputs['previous-revisions'] ?? '') as Backup
    expect(
      backup.applications.map((a) => [a.name, a.revision, a.health]),
    ).toEqual([
      ['cortex-monitoring', OLD, 'Healthy'],
      ['cortex-dashboard', OLD, 'Healthy'],
      ['mcp-n8n-workflow', OLD, 'Healthy'],
    ])
    expect(run.log).toContain(
      `the state of 3 applications before the deploy is in ${join(temp, 'cortex-deploy-backup.json')}`,
    )
  })

  it('syncs nothing when the backup cannot be written', async () => {
    writeFileSync(join(temp, 'a-file'), '')
    const run = await step({ 'backup-file': 'a-file/backup.json' })
    expect(run.failed).toBe(true)
    expect(run.log).toContain(
      `::error::Configuration error: input 'backup-file': got "${join(temp, 'a-file', 'backup.json')}"; expected a file that can be written (EEXIST); nothing was synced`,
    )
    expect(posts()).toEqual([])
  })
})
