import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { Git } from '../../../lib/git/index.js'
import { DASHBOARD, PATHS, useRollbackHarness } from './harness.js'

// The revert commit with real git: only the applications' paths go back,
// a revert that conflicts falls back to restoring the paths, more paths
// can be named, and a dry run pushes nothing.
const h = useRollbackHarness()

const MONITORING = `${PATHS['cortex-monitoring']}/values.yaml`
const APPSET = 'argocd/production/mcp-servers.yaml'
const dashboardOnly = { applications: ['cortex-dashboard'] }

const origin = (...args: string[]): string =>
  h.repo.run(args, { cwd: h.repo.originDir })
const changedOnMain = (): string =>
  origin('diff', '--name-only', h.good, 'main')

describe('the revert commit', () => {
  it('reverts only the applications’ paths of a commit that touched more', async () => {
    const monitoring = `${h.repo.readFile(MONITORING)}# tuned\n`
    h.release('2.0.5', { [MONITORING]: monitoring })
    const result = await h.run(h.settings(dashboardOnly))
    expect(result.revert).toMatchObject({ method: 'revert' })
    expect(result.revert?.files).toEqual([
      { status: 'M', file: DASHBOARD, good: h.good },
    ])
    // The monitoring change belongs to an application not rolled back.
    expect(changedOnMain()).toBe(MONITORING)
    expect(h.onOrigin(MONITORING)).toBe(monitoring.replace(/\n$/, ''))
  })

  it('undoes several releases since the good state, newest first', async () => {
    h.release('2.0.5')
    h.release('2.0.6', {
      [`${PATHS['cortex-dashboard']}/extra.yaml`]: 'a: 1\n',
    })
    const result = await h.run(h.settings(dashboardOnly))
    expect(result.revert?.commits.map((c) => c.subject)).toEqual([
      'chore(deploy): set cortex-dashboard:2.0.6',
      'chore(deploy): set cortex-dashboard:2.0.5',
    ])
    expect(result.revert?.files.map((f) => [f.status, f.file])).toEqual([
      ['A', `${PATHS['cortex-dashboard']}/extra.yaml`],
      ['M', DASHBOARD],
    ])
    expect(changedOnMain()).toBe('')
  })

  it('restores the paths when a plain revert conflicts (a merge that edited the same line)', async () => {
    // A hotfix branch moves the tag; merging it, someone moves it again.
    const other = h.repo.cloneOrigin()
    other.run(['checkout', '-q', '-b', 'hotfix'])
    const text = other.readFile(DASHBOARD)
    other.commit('fix: dashboard 2.0.5', {
      [DASHBOARD]: text.replace(/newTag: .*/, 'newTag: 2.0.5'),
    })
    other.checkout('main')
    other.commit('docs: a note', { 'NOTES.md': 'note\n' })
    other.run(['merge', '--no-ff', '--no-commit', 'hotfix'])
    other.writeFile(DASHBOARD, text.replace(/newTag: .*/, 'newTag: 2.0.6'))
    other.run(['add', DASHBOARD])
    other.run(['commit', '-q', '-m', 'Merge hotfix, at 2.0.6'])
    other.push('HEAD:main')
    const result = await h.run(h.settings(dashboardOnly))
    expect(result.revert).toMatchObject({ method: 'restore' })
    expect(changedOnMain()).toBe('NOTES.md')
    expect(origin('log', '-1', '--format=%B', 'main')).toContain(
      `Restores these paths as they were (a plain revert of the commits since did not apply cleanly):\n- ${PATHS['cortex-dashboard']} from ${h.good.slice(0, 12)}`,
    )
    // The clone is clean for the next run.
    expect(h.repo.git('status', '--porcelain')).toBe('')
  })

  it('takes more paths back with the applications’ (an ApplicationSet’s file)', async () => {
    const appset = h.repo
      .readFile(APPSET)
      .replace(/imageTag: '1.3.2'/, "imageTag: '1.3.3'")
    h.release('2.0.5', { [APPSET]: appset })
    const s = h.settings()
    const git =
      s.git === undefined
        ? undefined
        : { ...s.git, paths: ['argocd/production'] }
    const result = await h.run({ ...s, ...(git === undefined ? {} : { git }) })
    expect(result.revert?.files.map((f) => f.file).sort()).toEqual([
      DASHBOARD,
      APPSET,
    ])
    expect(changedOnMain()).toBe('')
  })

  it('commits as the stage’s identity, with the reason, never forcing', async () => {
    const bad = h.release('2.0.5')
    const result = await h.run(h.settings(dashboardOnly))
    const sha = result.revert?.sha ?? ''
    expect(origin('log', '-1', '--format=%an <%ae>', sha)).toBe(
      'rollback-bot <rollback-bot@example.org>',
    )
    expect(origin('log', '-1', '--format=%B', sha)).toBe(
      [
        `revert: roll back cortex-dashboard to ${h.good.slice(0, 7)}`,
        '',
        'Why: verify-health: cortex-dashboard is Degraded',
        '',
        'Returns the manifests to what Argo CD ran before the deploy (recorded 2025-01-01T00:00:00.000Z).',
        '',
        'Reverts:',
        `- ${bad.slice(0, 12)} chore(deploy): set cortex-dashboard:2.0.5`,
        '',
      ].join('\n'),
    )
    expect(origin('merge-base', '--is-ancestor', bad, sha)).toBe('')
  })

  it('deepens a shallow checkout to find the good commit', async () => {
    h.release('2.0.5')
    // actions/checkout fetches one commit unless told otherwise.
    const shallow = join(h.repo.dir, 'shallow')
    h.repo.run([
      'clone',
      '-q',
      '--depth',
      '1',
      `file://${h.repo.originDir}`,
      shallow,
    ])
    const git = new Git(shallow, {}, Git.identity('bot', 'bot@example.org'))
    const result = await h.run(h.settings(dashboardOnly), git)
    expect(result.outcome).toBe('rolled-back')
    expect(changedOnMain()).toBe('')
    expect(h.logger.at('warning')).toEqual([])
  })

  it('pushes and syncs nothing in a dry run, and says what it would revert', async () => {
    const bad = h.release('2.0.5')
    const result = await h.run(h.settings({ dryRun: true }))
    expect(result).toMatchObject({ outcome: 'dry-run', waves: [] })
    expect(result.revert?.sha).toBeUndefined()
    expect(result.revert?.files.map((f) => f.file)).toEqual([DASHBOARD])
    expect(origin('rev-parse', 'main')).toBe(bad)
    expect(h.calls().every((c) => c.startsWith('GET'))).toBe(true)
    expect(h.logger.at('info')).toContain(
      [
        'dry run: would commit 1 file(s) back to the recorded revisions',
        `  M ${DASHBOARD}`,
        'undoing',
        `  ${bad.slice(0, 12)} chore(deploy): set cortex-dashboard:2.0.5`,
      ].join('\n'),
    )
  })

  it('warns when an application reads another repository than the checkout', async () => {
    h.api.state.add({
      name: 'cortex-docs',
      revision: h.good,
      path: 'apps/docs',
      repoURL: 'https://github.com/example-org/cortex-docs.git',
    })
    const s = h.settings()
    const entry = { ...s.backup.applications[0], name: 'cortex-docs' }
    const backup = {
      ...s.backup,
      applications: [...s.backup.applications, entry],
    }
    const result = await h.run({ ...s, backup, applications: ['cortex-docs'] })
    expect(result.outcome).toBe('already-at-good-state')
    expect(h.logger.at('warning')).toEqual([
      "cortex-docs reads https://github.com/example-org/cortex-docs.git, not the checkout's origin; a revert here may not reach it",
    ])
  })

  it('refuses a recorded revision that is not a commit, before changing anything', async () => {
    h.release('2.0.5')
    const s = h.settings(dashboardOnly)
    const backup = {
      ...s.backup,
      applications: s.backup.applications.map((a) => ({
        ...a,
        revision: '65.8.1',
      })),
    }
    await expect(h.run({ ...s, backup })).rejects.toThrow(
      'cortex-dashboard: the recorded revision 65.8.1 is not a commit, so there is nothing to revert in Git; use mode argocd-history',
    )
    expect(h.calls().every((c) => c.startsWith('GET'))).toBe(true)
  })
})
