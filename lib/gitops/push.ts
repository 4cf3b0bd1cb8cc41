// A change to a GitOps branch, committed and pushed, never by force. The
// change is planned again on the remote's tip for every attempt, so a push
// that lost a race (CASES C72 a) re-applies it on what the other pusher
// wrote. update-manifests pushes its YAML edits this way, rollback its
// revert.
import type { Git } from '../git/index.js'
import type { Logger } from '../runner/index.js'

/** Where to commit and how hard to try. */
export interface PushTarget {
  readonly remote: string
  readonly branch: string
  /** Start from this remote branch when `branch` does not exist yet. */
  readonly startFrom?: string
  /** Attempts after the first rejected push. */
  readonly retries: number
}

/** One change, planned and committed afresh on each tip. */
export interface GitChange<P> {
  /** What to change, planned on the checked-out tip `baseSha`. */
  plan(baseSha: string): Promise<P>
  /** Whether the plan changes nothing: then nothing is committed. */
  isEmpty(plan: P): boolean
  /** Makes the commit on HEAD; the clone is reset to the tip if it throws. */
  commit(plan: P, baseSha: string): Promise<void>
  /** The change in words for messages: `the edit`, `the revert`. */
  readonly what: string
}

/** What a push run did. */
export interface PushOutcome<P> {
  readonly plan: P
  /** The pushed commit; undefined when nothing needed to change. */
  readonly commitSha?: string
  /** The branch tip the change was planned on. */
  readonly baseSha: string
  readonly attempts: number
  /** Whether the branch was created by this push. */
  readonly created: boolean
}

/** A push that failed for good; the caller says what to do about it. */
export class PushFailure extends Error {
  override readonly name = 'PushFailure'
}

/**
 * Fetches `branch`, checks it out at the remote's tip, plans the change,
 * commits it and pushes; a rejected push fetches again and starts over, up
 * to `retries` more times. `planOnly` stops after planning on the tip.
 */
export async function pushChange<P>(
  git: Git,
  target: PushTarget,
  change: GitChange<P>,
  logger: Logger,
  options: { readonly planOnly?: boolean } = {},
): Promise<PushOutcome<P>> {
  await ensureClean(git)
  const mine = new Set<string>()
  for (let attempt = 1; ; attempt++) {
    const { sha: baseSha, created } = await checkoutTip(git, target, mine)
    const plan = await change.plan(baseSha)
    if (change.isEmpty(plan) || options.planOnly === true) {
      return { plan, baseSha, attempts: attempt, created: false }
    }
    try {
      await change.commit(plan, baseSha)
    } catch (error: unknown) {
      // Leave the clone as it was, so a re-run starts clean.
      await git.run(['reset', '-q', '--hard', baseSha])
      throw error
    }
    const commitSha = await git.text(['rev-parse', 'HEAD'])
    mine.add(commitSha)
    const pushed = await git.run(
      [
        'push',
        '--porcelain',
        target.remote,
        `HEAD:refs/heads/${target.branch}`,
      ],
      { allowFailure: true },
    )
    if (pushed.exitCode === 0) {
      return { plan, commitSha, baseSha, attempts: attempt, created }
    }
    const said = `${pushed.stdout}\n${pushed.stderr}`
    const final = !isRace(said) || attempt > target.retries
    // The commit never landed: take it back, so the clone is as it was and
    // a re-run starts clean.
    if (final) await git.run(['reset', '-q', '--hard', baseSha])
    if (!isRace(said)) {
      throw new PushFailure(
        `git push to ${target.remote} ${target.branch} failed: ${lastLines(said)}`,
      )
    }
    if (attempt > target.retries) {
      throw new PushFailure(
        `git push to ${target.branch} was rejected ${attempt} times because ` +
          `others pushed first; ${change.what} was re-applied on their commits ` +
          'each time. Nothing was force-pushed; run again, or raise push-retries.',
      )
    }
    logger.warning(
      `push rejected: ${target.branch} moved on the remote; fetching and ` +
        `re-applying ${change.what} (attempt ${attempt + 1} of ${target.retries + 1})`,
    )
  }
}

/** Refuses to run over uncommitted changes, which a reset would lose. */
async function ensureClean(git: Git): Promise<void> {
  const status = await git.text([
    'status',
    '--porcelain',
    '--untracked-files=no',
  ])
  if (status !== '') {
    throw new PushFailure(
      `the working tree ${git.cwd} has uncommitted changes to tracked files; ` +
        'commit or stash them first (they would be lost)',
    )
  }
}

/**
 * Fetches the branch and checks it out at the remote's tip. HEAD may be
 * behind that tip, never ahead or aside: local commits would be pushed
 * with ours, or lost.
 */
async function checkoutTip(
  git: Git,
  target: PushTarget,
  mine: ReadonlySet<string>,
): Promise<{ sha: string; created: boolean }> {
  let sha = await fetchBranch(git, target.remote, target.branch)
  let created = false
  if (sha === undefined) {
    if (target.startFrom === undefined) {
      throw new PushFailure(
        `branch ${target.branch} does not exist on ${target.remote}`,
      )
    }
    sha = await fetchBranch(git, target.remote, target.startFrom)
    if (sha === undefined) {
      throw new PushFailure(
        `branch ${target.startFrom} does not exist on ${target.remote}`,
      )
    }
    created = true
  }
  const head = await git.resolve('HEAD')
  const local = await git.resolve(`refs/heads/${target.branch}`)
  for (const [what, commit] of [
    ['HEAD', head],
    [target.branch, local],
  ] as const) {
    if (commit === undefined || commit === sha) continue
    if (mine.has(commit) || (await git.isAncestor(commit, sha))) continue
    if (!(await onRemote(git, target.remote, commit))) {
      throw new PushFailure(
        `${what} (${commit.slice(0, 12)}) has commits that are not on ` +
          `${target.remote}/${created ? (target.startFrom ?? '') : target.branch}; ` +
          'push or drop them first, or run on a fresh checkout',
      )
    }
  }
  await git.run(['checkout', '-q', '-B', target.branch, sha])
  return { sha, created }
}

/**
 * Fetches one branch into its remote-tracking ref and returns its tip, or
 * undefined when the remote has no such branch.
 */
async function fetchBranch(
  git: Git,
  remote: string,
  branch: string,
): Promise<string | undefined> {
  const ref = `refs/heads/${branch}`
  const listed = await git.run(['ls-remote', remote, ref], {
    allowFailure: true,
  })
  if (listed.exitCode !== 0) {
    throw new PushFailure(
      `cannot read branch ${branch} from remote ${remote} (input remote): ` +
        lastLines(listed.stderr),
    )
  }
  if (listed.stdout.trim() === '') return undefined
  const tracking = `refs/remotes/${remote}/${branch}`
  await git.run(['fetch', '-q', '--no-tags', remote, `+${ref}:${tracking}`])
  return git.text(['rev-parse', tracking])
}

/**
 * Whether a branch of the remote, as last fetched, holds `commit`: then it
 * is pushed work (an earlier step's pull-request branch, say), not local
 * commits a checkout would lose.
 */
async function onRemote(
  git: Git,
  remote: string,
  commit: string,
): Promise<boolean> {
  const refs = await git.text([
    'for-each-ref',
    '--contains',
    commit,
    '--format=%(refname)',
    `refs/remotes/${remote}/`,
  ])
  return refs !== ''
}

// What git prints when another push got there first.
function isRace(said: string): boolean {
  return /\[rejected\]|non-fast-forward|fetch first|stale info|cannot lock ref|failed to update ref/i.test(
    said,
  )
}

// What git and the server said about the refusal: the remote's and git's
// own message lines (a hook's reason among them), at most ten.
function lastLines(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(?:remote:|error:|!|fatal:|hint:)/.test(line))
  const shown = lines.length > 0 ? lines : text.trim().split('\n')
  return shown.slice(-10).join(' / ')
}
