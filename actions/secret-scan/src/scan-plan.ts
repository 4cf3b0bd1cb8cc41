// What to scan, from the event that started the run (case C59): a pull
// request its merge base to its head; a push its before..after; a new
// branch the commits not on the default branch; a force push from where
// the old and new tips meet; a schedule or a manual run the checked-out
// tree, or the whole history when asked. An empty range is a plan too.
import type { Git } from '../../../lib/git/index.js'
import { ContextError } from '../../../lib/runner/index.js'
import type { CommitRange } from './history-source.js'
import { countCommits } from './history-source.js'

/** The event, as the runner describes it. */
export interface EventContext {
  /** GITHUB_EVENT_NAME; undefined outside Actions (a laptop). */
  readonly eventName?: string
  /** The event payload (GITHUB_EVENT_PATH). */
  readonly payload: Record<string, unknown>
  /** GITHUB_SHA. */
  readonly sha?: string
}

/** How far back to look when the event does not say. */
export interface PlanOptions {
  /** Read every commit of HEAD's history instead of the tree. */
  readonly history: boolean
  /** At most this many commits in history mode. */
  readonly historyDepth?: number
  /** The default branch; the payload's repository.default_branch wins. */
  readonly defaultBranch?: string
}

/** What a run scans. */
export type ScanPlan =
  | ({ readonly kind: 'commits'; readonly description: string } & CommitRange)
  | { readonly kind: 'tree'; readonly description: string }
  | { readonly kind: 'empty'; readonly description: string }

const ZERO = /^0{40}(?:0{24})?$/

/** The scan the event calls for; commits it names must be in the clone. */
export async function planScan(
  ctx: EventContext,
  options: PlanOptions,
  git: Git,
): Promise<ScanPlan> {
  const name = ctx.eventName
  if (name === 'pull_request' || name === 'pull_request_target') {
    const pr = record(ctx.payload['pull_request'])
    const base = text(record(pr['base'])['sha'])
    const head = text(record(pr['head'])['sha'])
    return fromMergeBase(
      git,
      base,
      head,
      'pull request',
      'pull_request.base.sha',
    )
  }
  if (name === 'merge_group') {
    const group = record(ctx.payload['merge_group'])
    const base = text(group['base_sha'])
    const head = text(group['head_sha'])
    return fromMergeBase(git, base, head, 'merge group', 'merge_group.base_sha')
  }
  if (name === 'push') return pushPlan(ctx, options, git)
  if (!options.history) {
    return {
      kind: 'tree',
      description: `the tree at HEAD (${name ?? 'local run'})`,
    }
  }
  const range = {
    revs: ['HEAD'],
    ...(options.historyDepth ? { maxCount: options.historyDepth } : {}),
  }
  const depth = options.historyDepth
    ? `the last ${options.historyDepth} commits`
    : 'every commit'
  return commits(git, range, `${depth} of HEAD's history`)
}

async function fromMergeBase(
  git: Git,
  base: string | undefined,
  head: string | undefined,
  what: string,
  field: string,
): Promise<ScanPlan> {
  const headSha = await present(git, head, field.replace(/base/, 'head'))
  const baseSha = await present(git, base, field)
  const mergeBase = await mergeBaseOf(git, baseSha, headSha)
  if (mergeBase === undefined) {
    return commits(
      git,
      { revs: [headSha, '--not', baseSha] },
      `the ${what}: ${short(headSha)} not on ${short(baseSha)}`,
    )
  }
  return commits(
    git,
    { revs: [`${mergeBase}..${headSha}`] },
    `the ${what}: ${short(mergeBase)}..${short(headSha)} (from the merge base)`,
  )
}

async function pushPlan(
  ctx: EventContext,
  options: PlanOptions,
  git: Git,
): Promise<ScanPlan> {
  const before = text(ctx.payload['before'])
  const after = text(ctx.payload['after']) ?? ctx.sha
  if (
    ctx.payload['deleted'] === true ||
    (after !== undefined && ZERO.test(after))
  ) {
    return { kind: 'empty', description: 'a push that deleted a branch' }
  }
  const afterSha = await present(git, after, 'after')
  const branch = defaultBranch(ctx, options)
  const pushedDefault = text(ctx.payload['ref']) === `refs/heads/${branch}`
  if (before === undefined || ZERO.test(before)) {
    if (pushedDefault) {
      return commits(
        git,
        { revs: [afterSha] },
        `the first push of ${branch}: every commit of ${short(afterSha)}`,
      )
    }
    return notOnDefault(git, afterSha, branch, 'a new branch')
  }
  const beforeSha = await git.resolve(before)
  if (beforeSha !== undefined && (await git.isAncestor(beforeSha, afterSha))) {
    return commits(
      git,
      { revs: [`${beforeSha}..${afterSha}`] },
      `the push ${short(beforeSha)}..${short(afterSha)}`,
    )
  }
  // A force push: the old tip is gone from the branch, maybe from the clone.
  const mergeBase = beforeSha && (await mergeBaseOf(git, beforeSha, afterSha))
  if (mergeBase) {
    return commits(
      git,
      { revs: [`${mergeBase}..${afterSha}`] },
      `a force push: ${short(mergeBase)}..${short(afterSha)} (from where the old and new tips meet)`,
    )
  }
  return notOnDefault(
    git,
    afterSha,
    branch,
    'a force push whose old tip is not in the clone',
  )
}

/** The commits of `sha` that the default branch does not have. */
async function notOnDefault(
  git: Git,
  sha: string,
  branch: string,
  what: string,
): Promise<ScanPlan> {
  for (const ref of [`refs/remotes/origin/${branch}`, `refs/heads/${branch}`]) {
    const tip = await git.resolve(ref)
    if (tip !== undefined) {
      return commits(
        git,
        { revs: [sha, '--not', ref] },
        `${what}: the commits of ${short(sha)} not on ${ref.replace(/^refs\/(?:remotes\/|heads\/)/, '')}`,
      )
    }
  }
  return commits(
    git,
    { revs: [sha] },
    `${what}: every commit of ${short(sha)} (no ${branch} branch in the clone to compare with)`,
  )
}

/** A commit range, or the empty plan when it holds no commit. */
async function commits(
  git: Git,
  range: CommitRange,
  description: string,
): Promise<ScanPlan> {
  const count = await countCommits(git, range)
  if (count === 0)
    return { kind: 'empty', description: `${description}: no commits` }
  return {
    kind: 'commits',
    ...range,
    description: `${description}, ${count} commit${count === 1 ? '' : 's'}`,
  }
}

/** The full SHA of a commit the event names, which must be in the clone. */
async function present(
  git: Git,
  sha: string | undefined,
  field: string,
): Promise<string> {
  if (sha === undefined) {
    throw new ContextError(`the event payload's ${field}`, '', 'a commit SHA')
  }
  const full = await git.resolve(sha)
  if (full === undefined) {
    throw new ContextError(
      `the event payload's ${field}`,
      sha,
      'a commit in the clone: check out with `fetch-depth: 0` (actions/checkout) so the commits to scan are there',
    )
  }
  return full
}

async function mergeBaseOf(
  git: Git,
  a: string,
  b: string,
): Promise<string | undefined> {
  const result = await git.run(['merge-base', a, b], { allowFailure: true })
  return result.exitCode === 0 ? result.stdout.trim() : undefined
}

function defaultBranch(ctx: EventContext, options: PlanOptions): string {
  const repository = record(ctx.payload['repository'])
  return text(repository['default_branch']) ?? options.defaultBranch ?? 'main'
}

function short(sha: string): string {
  return sha.slice(0, 7)
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : {}
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
