// The branch checked on a laptop, before it is pushed: the title and
// description from inputs or from the branch's first commit, the head ref
// from the input or the checked-out branch, and the changed files with
// their added lines from `git diff <base>...HEAD`, the same comparison a
// pull request shows.
import type { Git } from '../../../lib/git/index.js'
import { ConfigError } from '../../../lib/runner/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { parseGitDiff } from './git-diff.js'
import type { LintTarget } from './pull-request.js'

/** What the inputs say about the local branch. */
export interface LocalSettings {
  readonly title?: string
  readonly description?: string
  readonly headRef?: string
  /** What the branch is compared with. */
  readonly baseRef: string
}

/** The local branch as one pull request to check. */
export async function localTarget(
  settings: LocalSettings,
  git: Git,
  logger: Logger,
): Promise<LintTarget> {
  const base = await git.resolve(settings.baseRef)
  if (base === undefined) {
    throw new ConfigError(
      'base-ref',
      settings.baseRef,
      `a branch, tag or commit that git can resolve in ${git.cwd} (fetch it first)`,
    )
  }
  const headRef = settings.headRef ?? (await currentBranch(git))
  const first = await firstCommit(git, base)
  const title = settings.title ?? first?.subject ?? ''
  const body = settings.description ?? first?.body ?? null
  if (settings.title === undefined) {
    logger.info(
      first === undefined
        ? `no commits after ${settings.baseRef}, and no title input`
        : `title and description from commit ${first.sha.slice(0, 12)}, the first after ${settings.baseRef}`,
    )
  }
  return {
    pull: { title, body, labels: [], headRef, fork: false },
    async files() {
      const diff = await git.run([
        '-c',
        'core.quotepath=off',
        'diff',
        '--no-color',
        '--no-ext-diff',
        '--src-prefix=a/',
        '--dst-prefix=b/',
        `${base}...HEAD`,
      ])
      return { files: parseGitDiff(diff.stdout), unlisted: 0 }
    },
  }
}

async function currentBranch(git: Git): Promise<string> {
  const result = await git.run(['symbolic-ref', '--quiet', '--short', 'HEAD'], {
    allowFailure: true,
  })
  return result.exitCode === 0 ? result.stdout.trim() : ''
}

async function firstCommit(
  git: Git,
  base: string,
): Promise<{ sha: string; subject: string; body: string } | undefined> {
  const shas = await git.text(['rev-list', '--reverse', `${base}..HEAD`])
  const sha = shas.split('\n')[0]
  if (sha === undefined || sha === '') return undefined
  const message = await git.text(['log', '-1', '--format=%B', sha])
  const [subject = '', ...rest] = message.split('\n')
  return { sha, subject, body: rest.join('\n').trim() }
}
