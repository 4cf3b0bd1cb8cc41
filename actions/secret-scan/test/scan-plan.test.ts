import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { Git } from '../../../lib/git/index.js'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import type { EventContext, PlanOptions, ScanPlan } from '../src/scan-plan.js'
import { planScan } from '../src/scan-plan.js'

// C59 with real git: main c1-c2-c3, a feature branch f1-f2 off c2, and a
// rewrite of it, g1 off c2, as a force push would leave it.
let repo: GitRepo
let git: Git
const sha: Record<string, string> = {}
const ZEROS = '0'.repeat(40)
const TREE: PlanOptions = { history: false }

beforeAll(() => {
  repo = createRepo()
  sha['c1'] = repo.commit('c1', { 'a.txt': '1' })
  sha['c2'] = repo.commit('c2', { 'a.txt': '2' })
  repo.push()
  repo.branch('feature')
  repo.checkout('feature')
  sha['f1'] = repo.commit('f1', { 'f.txt': '1' })
  sha['f2'] = repo.commit('f2', { 'f.txt': '2' })
  repo.checkout('main')
  sha['c3'] = repo.commit('c3', { 'a.txt': '3' })
  repo.push()
  repo.branch('rewrite', sha['c2'] ?? '')
  repo.checkout('rewrite')
  sha['g1'] = repo.commit('g1', { 'f.txt': 'rewritten' })
  repo.checkout('main')
  git = new Git(repo.workDir)
})
afterAll(() => repo.cleanup())

function plan(ctx: EventContext, options = TREE): Promise<ScanPlan> {
  return planScan(ctx, options, git)
}

/** The commits a plan reads, by name. */
async function commitsOf(scan: ScanPlan): Promise<string[]> {
  if (scan.kind !== 'commits') return []
  const max =
    scan.maxCount === undefined ? [] : [`--max-count=${scan.maxCount}`]
  const listed = await git.text(['rev-list', '--reverse', ...max, ...scan.revs])
  const names = new Map(Object.entries(sha).map(([k, v]) => [v, k]))
  return listed
    .split('\n')
    .filter(Boolean)
    .map((s) => names.get(s) ?? s)
}

const pr = (base: string, head: string): EventContext => ({
  eventName: 'pull_request',
  payload: { pull_request: { base: { sha: base }, head: { sha: head } } },
})
const push = (
  before: string,
  after: string,
  ref = 'refs/heads/feature',
): EventContext => ({
  eventName: 'push',
  payload: { before, after, ref, repository: { default_branch: 'main' } },
})

describe('planScan (C59)', () => {
  it('(a) scans a pull request from the merge base of base and head', async () => {
    const scan = await plan(pr(sha['c3'] ?? '', sha['f2'] ?? ''))
    expect(scan).toMatchObject({
      kind: 'commits',
      revs: [`${sha['c2']}..${sha['f2']}`],
    })
    expect(await commitsOf(scan)).toEqual(['f1', 'f2'])
  })

  it('(b) scans a push from before to after', async () => {
    const scan = await plan(
      push(sha['c2'] ?? '', sha['c3'] ?? '', 'refs/heads/main'),
    )
    expect(scan).toMatchObject({
      kind: 'commits',
      description: expect.stringContaining('1 commit'),
    })
    expect(await commitsOf(scan)).toEqual(['c3'])
  })

  it('(c) scans a new branch for the commits the default branch does not have', async () => {
    const scan = await plan(push(ZEROS, sha['f2'] ?? ''))
    expect(scan).toMatchObject({
      revs: [sha['f2'], '--not', 'refs/remotes/origin/main'],
    })
    expect(await commitsOf(scan)).toEqual(['f1', 'f2'])
  })

  it('(c) scans every commit of the first push of the default branch', async () => {
    const scan = await plan(push(ZEROS, sha['c3'] ?? '', 'refs/heads/main'))
    expect(await commitsOf(scan)).toEqual(['c1', 'c2', 'c3'])
  })

  it('(d) scans a force push from where the old and new tips meet', async () => {
    const scan = await plan(push(sha['f2'] ?? '', sha['g1'] ?? ''))
    expect(scan).toMatchObject({ revs: [`${sha['c2']}..${sha['g1']}`] })
    expect(scan.description).toContain('a force push')
    expect(await commitsOf(scan)).toEqual(['g1'])
  })

  it('(d) falls back to the default branch when the old tip is not in the clone', async () => {
    const scan = await plan(
      push('1234567'.repeat(5) + '12345', sha['g1'] ?? ''),
    )
    expect(scan).toMatchObject({
      revs: [sha['g1'], '--not', 'refs/remotes/origin/main'],
    })
    expect(await commitsOf(scan)).toEqual(['g1'])
  })

  it.each([
    ['schedule', 'schedule'],
    ['workflow_dispatch', 'workflow_dispatch'],
    ['a local run', undefined],
  ])('(e) scans the tree on %s', async (_, eventName) => {
    const scan = await plan({
      payload: {},
      ...(eventName ? { eventName } : {}),
    })
    expect(scan.kind).toBe('tree')
  })

  it('(e) scans the whole history, or the configured depth, when asked', async () => {
    const all = await plan(
      { eventName: 'schedule', payload: {} },
      { history: true },
    )
    expect(await commitsOf(all)).toEqual(['c1', 'c2', 'c3'])
    const two = await plan(
      { eventName: 'schedule', payload: {} },
      { history: true, historyDepth: 2 },
    )
    expect(await commitsOf(two)).toEqual(['c2', 'c3'])
    expect(two.description).toContain('the last 2 commits')
  })

  it.each([
    [
      'a pull request whose base is its head',
      () => pr(sha['f2'] ?? '', sha['f2'] ?? ''),
    ],
    ['a push that moved nothing', () => push(sha['c3'] ?? '', sha['c3'] ?? '')],
    ['a push that deleted a branch', () => push(sha['f2'] ?? '', ZEROS)],
  ])('makes %s an empty plan, not an error', async (_, ctx) => {
    const scan = await plan(ctx())
    expect(scan.kind).toBe('empty')
  })

  it('scans a merge group like a pull request', async () => {
    const scan = await plan({
      eventName: 'merge_group',
      payload: { merge_group: { base_sha: sha['c3'], head_sha: sha['f2'] } },
    })
    expect(await commitsOf(scan)).toEqual(['f1', 'f2'])
  })

  it('asks for the full history when a commit is not in the clone', async () => {
    await expect(plan(pr(sha['c3'] ?? '', 'f'.repeat(40)))).rejects.toThrow(
      /the event payload's pull_request.head.sha: got "f{40}"; expected a commit in the clone: check out with `fetch-depth: 0`/,
    )
  })

  it('names the missing field of a pull request payload', async () => {
    await expect(
      plan({ eventName: 'pull_request', payload: {} }),
    ).rejects.toThrow(
      /the event payload's pull_request.head.sha: got ""; expected a commit SHA/,
    )
  })
})
