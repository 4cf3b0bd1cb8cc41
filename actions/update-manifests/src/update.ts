// The stage's core: plan the edits, then write them, push them, or open a
// pull request with them, as the mode says. It takes everything it talks to
// as arguments and reads no environment of its own.
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { errorMessage } from '../../../lib/runner/index.js'
import { httpStatus } from '../../../lib/github/index.js'
import type { EditPlan, EditRequest } from './file-edits.js'
import { EditFailure, planEdits } from './file-edits.js'
import type { PushOutcome } from './gitops.js'
import { commitAndPush, PushFailure, trackedFiles } from './gitops.js'
import { commitMessage, pullBody } from './messages.js'
import type { PullRequestSpec } from './pull-request.js'
import { openOrUpdatePull } from './pull-request.js'
import { writeTreeFiles } from './tree-files.js'

/** How a run delivers its edits. */
export type Mode = 'push' | 'pull-request' | 'write'

/** What the core needs to know; main.ts builds it from the inputs. */
export interface UpdateOptions {
  readonly root: string
  readonly request: EditRequest
  readonly mode: Mode
  readonly dryRun: boolean
  readonly allowUnmatched: boolean
  readonly remote: string
  /** The branch to push to, or the pull request's base. */
  readonly branch: string
  readonly pullBranch: string
  readonly subject: string
  readonly retries: number
  /** The pull request's GitHub side, in pull-request mode. */
  readonly pull?: Omit<PullRequestSpec, 'base' | 'head' | 'title' | 'body'>
}

/** What happened, for outputs and the summary. */
export interface UpdateResult {
  readonly plan: EditPlan
  readonly mode: Mode
  readonly dryRun: boolean
  /** Why nothing was committed, when nothing was. */
  readonly upToDate?: string
  readonly commitSha?: string
  readonly branch?: string
  readonly pullUrl?: string
  readonly pullNumber?: number
  readonly pullCreated?: boolean
  readonly attempts: number
}

/** Runs the update; errors the user can act on are EditFailure or PushFailure. */
export async function runUpdate(
  git: Git,
  options: UpdateOptions,
  logger: Logger,
): Promise<UpdateResult> {
  // Pushes and pull requests commit, so they edit only what git tracks: a
  // file an earlier step left behind is never added to the repository.
  const plan = async (): Promise<EditPlan> => {
    const tracked = await trackedFiles(git)
    return checked(
      planEdits(options.root, { ...options.request, tracked }),
      options,
      logger,
    )
  }
  const message = (made: EditPlan): string =>
    commitMessage(
      options.subject,
      made.edits.flatMap((e) => e.changes),
    )
  const base = { mode: options.mode, dryRun: options.dryRun }
  if (options.dryRun || options.mode === 'write') {
    // No commit follows, and the folder need not be a git clone: every
    // file the globs match is read.
    const made = checked(
      planEdits(options.root, options.request),
      options,
      logger,
    )
    if (!options.dryRun) writeTreeFiles(options.root, made.edits)
    return {
      ...base,
      plan: made,
      attempts: 0,
      ...upToDate(
        made,
        'the files already hold these versions; nothing to write',
      ),
    }
  }
  return returnHead(git, async () => {
    if (options.mode === 'pull-request') {
      return openPull(git, options, plan, message, logger)
    }
    const outcome = await commitAndPush(
      git,
      {
        remote: options.remote,
        branch: options.branch,
        retries: options.retries,
      },
      plan,
      message,
      logger,
    )
    return {
      ...base,
      ...pushed(outcome),
      branch: options.branch,
      ...upToDate(
        outcome.plan,
        `${options.remote}/${options.branch} already has these versions; nothing to commit`,
      ),
    }
  })
}

/**
 * Runs `work`, then checks out what was checked out before (a branch by
 * name, else the commit), so a later step in the job, or a second
 * update-manifests step, starts where the job left it and not on a pull
 * request's branch.
 */
async function returnHead<T>(git: Git, work: () => Promise<T>): Promise<T> {
  const branch = await git.run(['symbolic-ref', '-q', '--short', 'HEAD'], {
    allowFailure: true,
  })
  const before =
    branch.exitCode === 0 ? branch.stdout.trim() : await git.resolve('HEAD')
  try {
    return await work()
  } finally {
    if (before !== undefined) {
      await git.run(['checkout', '-q', before], { allowFailure: true })
    }
  }
}

async function openPull(
  git: Git,
  options: UpdateOptions,
  plan: () => Promise<EditPlan>,
  message: (made: EditPlan) => string,
  logger: Logger,
): Promise<UpdateResult> {
  const base = { mode: options.mode, dryRun: false }
  if (options.pull === undefined) {
    throw new PushFailure('pull-request mode needs a token and the repository')
  }
  if (options.pullBranch === options.branch) {
    // Pushing the pull request's branch would push to the base itself.
    throw new PushFailure(
      `the pull request's branch (pr-branch) is the base branch ${options.branch}; name another branch`,
    )
  }
  // The desired state may be on the base already: a merged pull request
  // whose branch was deleted. Then nothing is recreated (CASES C72 c).
  const onBase = await commitAndPush(
    git,
    { remote: options.remote, branch: options.branch, retries: 0 },
    plan,
    message,
    logger,
    { planOnly: true },
  )
  if (onBase.plan.edits.length === 0) {
    return {
      ...base,
      plan: onBase.plan,
      attempts: 1,
      upToDate: `${options.remote}/${options.branch} already has these versions; no pull request is needed`,
    }
  }
  const outcome = await commitAndPush(
    git,
    {
      remote: options.remote,
      branch: options.pullBranch,
      startFrom: options.branch,
      retries: options.retries,
    },
    plan,
    message,
    logger,
  )
  // The branch may hold the change already (a re-run); the pull request is
  // still looked up, and opened if it was closed without merging.
  const shown = outcome.plan.edits.length > 0 ? outcome.plan : onBase.plan
  let pull
  try {
    pull = await openOrUpdatePull({
      ...options.pull,
      base: options.branch,
      head: options.pullBranch,
      title: options.subject,
      body: pullBody(shown.edits.flatMap((e) => e.changes)),
    })
  } catch (error: unknown) {
    const hint =
      httpStatus(error) === 403
        ? ' The token needs pull-requests: write, and the repository must ' +
          'allow GitHub Actions to create pull requests (Settings → Actions ' +
          '→ General).'
        : ''
    throw new PushFailure(
      `pushed branch ${options.pullBranch}, but the pull request could not ` +
        `be opened: ${errorMessage(error)}.${hint} A re-run opens it from ` +
        'the pushed branch.',
    )
  }
  logger.info(
    `${pull.created ? 'opened' : 'updated'} pull request #${pull.number}: ${pull.url}`,
  )
  return {
    ...base,
    ...pushed(outcome),
    plan: shown,
    branch: options.pullBranch,
    pullUrl: pull.url,
    pullNumber: pull.number,
    pullCreated: pull.created,
  }
}

function pushed(
  outcome: PushOutcome,
): Pick<UpdateResult, 'plan' | 'attempts' | 'commitSha'> {
  return {
    plan: outcome.plan,
    attempts: outcome.attempts,
    ...(outcome.commitSha === undefined
      ? {}
      : { commitSha: outcome.commitSha }),
  }
}

function upToDate(plan: EditPlan, why: string): { upToDate?: string } {
  return plan.edits.length === 0 ? { upToDate: why } : {}
}

/** Every image must be named somewhere, unless the user says otherwise. */
function checked(
  plan: EditPlan,
  options: UpdateOptions,
  logger: Logger,
): EditPlan {
  for (const { file, reason } of plan.skipped) {
    logger.info(`skipped ${file}: ${reason}`)
  }
  const missing = [...plan.found]
    .filter(([, count]) => count === 0)
    .map(([name]) => name)
  if (missing.length > 0) {
    const text =
      `no file names ${missing.join(', ')} (scanned ${plan.scanned} files ` +
      `matching ${options.request.files.join(', ')})`
    if (!options.allowUnmatched) {
      throw new EditFailure(
        `${text}; check the image name and the files input, or set allow-unmatched`,
      )
    }
    logger.warning(text)
  }
  return plan
}
