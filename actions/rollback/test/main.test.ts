import { describe, expect, it } from '@jest/globals'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { failedSync } from '../../../test/support/argocd-api.js'
import type { StageRun } from '../../../test/support/run-in-process.js'
import { expectOk, runInProcess } from '../../../test/support/run-in-process.js'
import { run } from '../src/main.js'
import { TOKEN, useRollbackHarness } from './harness.js'

// main.ts as the runner starts it: INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, a real GitOps clone and the Argo CD stand-in.
const h = useRollbackHarness()

const GIT_TOKEN = 'ghs_rollbackPushTokenNeverShown0123'
const REASON = 'verify-health: argocd/cortex-dashboard unhealthy: Degraded'

function backupJson(): string {
  return JSON.stringify(h.settings().backup)
}

function step(inputs: Record<string, string>): Promise<StageRun> {
  return runInProcess(
    () => h.clock.run(run({ clock: h.clock })),
    {
      'argocd-server': h.api.url,
      'argocd-token': TOKEN,
      'previous-revisions': backupJson(),
      'working-directory': 'work',
      branch: 'main',
      token: GIT_TOKEN,
      reason: REASON,
      ...inputs,
    },
    { GITHUB_WORKSPACE: h.repo.dir },
  )
}

/** Every place a token could leak, but the lines that mask them. */
function shown(run: StageRun): string {
  return [run.outputText, run.summary, run.log]
    .join('\n')
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

describe('the rollback stage', () => {
  it('reverts, syncs and reports, from the previous-revisions output', async () => {
    const bad = h.release('2.0.5')
    h.api.state
      .app('cortex-dashboard')
      .apply({ revision: bad, health: 'Degraded' })
    const run = await step({})
    expectOk(run)
    const sha = h.repo.run(['rev-parse', 'main'], { cwd: h.repo.originDir })
    expect(run.outputs).toEqual({
      'rolled-back': 'true',
      'revert-sha': sha,
      applications: '["cortex-dashboard"]',
      result: 'rolled-back',
    })
    const g = h.good.slice(0, 7)
    expect(run.summary).toBe(
      [
        '### rollback',
        '',
        `rolled back cortex-dashboard to the recorded revisions (revert ${sha.slice(0, 7)} on main)`,
        '',
        `Why it ran: ${REASON}`,
        '',
        '| application | recorded good | before | action | after |',
        '| --- | --- | --- | --- | --- |',
        `| cortex-monitoring | ${g} | Synced at ${g}, Healthy | already at the good state |  |`,
        `| cortex-dashboard | ${g} | Synced at ${bad.slice(0, 7)}, Degraded | synced to the revert | ✅ Synced at ${sha.slice(0, 7)}, Healthy |`,
        `| cortex-mcp-orch | ${g} | Synced at ${g}, Healthy | already at the good state |  |`,
        '',
        `Pushed \`${sha.slice(0, 7)}\` to \`main\`: a revert of \`${bad.slice(0, 7)}\` chore(deploy): set cortex-dashboard:2.0.5; 1 file(s).`,
        '',
      ].join('\n'),
    )
    expect(run.log).toContain(`::add-mask::${GIT_TOKEN}`)
    expect(shown(run)).not.toContain(GIT_TOKEN)
    expect(shown(run)).not.toContain(TOKEN)
  })

  it('reads the backup from the file deploy wrote, and changes nothing when already there', async () => {
    writeFileSync(join(h.repo.dir, 'backup.json'), backupJson())
    const run = await step({
      'previous-revisions': '',
      'backup-file': 'backup.json',
    })
    expectOk(run)
    expect(run.outputs).toMatchObject({
      'rolled-back': 'false',
      'revert-sha': '',
      applications: '[]',
      result: 'already-at-good-state',
    })
    expect(run.log).toContain(
      'already at the good state: no commit, nothing synced',
    )
  })

  it('reports both failures when its own push is refused', async () => {
    h.release('2.0.5')
    const hook = join(h.repo.originDir, 'hooks', 'pre-receive')
    writeFileSync(hook, '#!/bin/sh\necho "main is protected" >&2\nexit 1\n')
    chmodSync(hook, 0o755)
    const run = await step({})
    expect(run.failed).toBe(true)
    expect(run.log).toMatch(
      /^::error::rollback failed: git push to origin main failed: .*main is protected.*\. And it was rolling back because: verify-health: argocd\/cortex-dashboard unhealthy: Degraded$/m,
    )
    expect(run.outputs).toEqual({
      'rolled-back': 'false',
      'revert-sha': '',
      applications: '[]',
      result: 'failed',
    })
    expect(run.summary).toContain('❌ The rollback failed: git push to origin')
    expect(run.summary).toContain(`Why it ran: ${REASON}`)
  })

  it('reports both failures when the sync back fails', async () => {
    h.release('2.0.5')
    const app = h.api.state.app('cortex-dashboard')
    app.apply({ health: 'Degraded' })
    app.afterSync = failedSync('admission webhook "policy" denied the request')
    const run = await step({ reason: '' })
    expect(run.failed).toBe(true)
    expect(run.outputs['result']).toBe('failed')
    expect(run.outputs['revert-sha']).not.toBe('')
    expect(run.log).toMatch(
      /^::error::rollback failed: wave 1 failed: cortex-dashboard: unhealthy: sync to [0-9a-f]{7} Failed: admission webhook "policy" denied the request .*\. And no reason was given \(input reason\), so the failure that started it is not known here$/m,
    )
  })

  it('shows no Argo CD token it was refused', async () => {
    const wrong = 'eyJhbGciOiJIUzI1NiJ9.a-token-argocd-does-not-know'
    const run = await step({ 'argocd-token': wrong })
    expect(run.failed).toBe(true)
    expect(run.log).toContain('Argo CD rejected the token')
    expect(shown(run)).not.toContain(wrong)
    expect(shown(run)).not.toContain(GIT_TOKEN)
  })
})

describe('the rollback stage’s inputs', () => {
  it.each<[string, Record<string, string>, string]>([
    [
      'no backup',
      { 'previous-revisions': '' },
      `input 'previous-revisions': got ""; expected deploy's previous-revisions output, or a backup-file it wrote`,
    ],
    [
      'both backups',
      { 'backup-file': 'backup.json' },
      `input 'backup-file': got "backup.json"; expected no backup file when previous-revisions is given: one or the other`,
    ],
    [
      'a backup that is not JSON',
      { 'previous-revisions': '{oops' },
      `input 'previous-revisions': got "{oops"; expected the previous-revisions output of deploy (not JSON (`,
    ],
    [
      'a backup of another version',
      { 'previous-revisions': '{"version":2,"applications":[]}' },
      `input 'previous-revisions': got ${JSON.stringify('{"version":2,"applications":[]}')}; expected the previous-revisions output of deploy (version is 2, not 1; written by a newer deploy?)`,
    ],
    [
      'a backup file that is missing',
      { 'previous-revisions': '', 'backup-file': 'gone.json' },
      `input 'backup-file': got "gone.json"; expected a backup file deploy wrote, readable (ENOENT)`,
    ],
    [
      'an application the backup does not hold',
      { applications: 'cortex-dashboard\nguestbook' },
      `input 'applications': got "guestbook"; expected applications recorded in the backup, one a line: cortex-monitoring, cortex-dashboard, cortex-mcp-orch`,
    ],
    [
      'an unknown mode',
      { mode: 'kubectl' },
      `input 'mode': got "kubectl"; expected one of gitops, argocd-history`,
    ],
    [
      'a checkout that is not a repository',
      { 'working-directory': '.' },
      `input 'working-directory': got "${'<dir>'}"; expected a checkout of the GitOps repository (git says: fatal: not a git repository`,
    ],
    [
      'too many push retries',
      { 'push-retries': '99' },
      `input 'push-retries': got "99"; expected a whole number from 0 to 20`,
    ],
    [
      'a path outside the repository',
      { paths: '../elsewhere' },
      `input 'paths': got "../elsewhere"; expected a relative path inside the repository, without ..`,
    ],
  ])('names the input for %s', async (_name, inputs, message) => {
    const outside = mkdtempSync(join(tmpdir(), 'rollback-not-a-repo-'))
    try {
      const stage = await runInProcess(
        () => h.clock.run(run({ clock: h.clock })),
        {
          'argocd-server': h.api.url,
          'argocd-token': TOKEN,
          'previous-revisions': backupJson(),
          'working-directory': 'work',
          ...inputs,
        },
        {
          GITHUB_WORKSPACE:
            inputs['working-directory'] === '.' ? outside : h.repo.dir,
        },
      )
      expect(stage.failed).toBe(true)
      expect(stage.log).toContain(
        `::error::Configuration error: ${message.replace('<dir>', outside)}`,
      )
      expect(h.api.requests).toEqual([])
    } finally {
      rmSync(outside, { recursive: true, force: true })
    }
  })
})
