// What the build reads from the checkout: the release tags that decide
// whether `latest` and the floating tags move, and HEAD and its branch for a
// local run that has no GITHUB_SHA or GITHUB_REF.
import type { Git } from '../../../lib/git/index.js'

/** The checkout, as the build sees it. */
export interface GitFacts {
  /** Every tag name, release or not. */
  readonly tags: readonly string[]
  /** A shallow clone holds only some of the tags. */
  readonly shallow: boolean
  /** The checkout is a git repository at all. */
  readonly repository: boolean
  /** HEAD's full SHA. */
  readonly head?: string
  /** `refs/heads/<branch>` when a branch is checked out. */
  readonly branchRef?: string
}

/** Reads the tags, shallowness, HEAD and branch; never throws on a non-repository. */
export async function readGitFacts(git: Pick<Git, 'run'>): Promise<GitFacts> {
  const inside = await git.run(['rev-parse', '--is-inside-work-tree'], {
    allowFailure: true,
  })
  if (inside.exitCode !== 0) {
    return { tags: [], shallow: false, repository: false }
  }
  const [tags, shallow, head, branch] = await Promise.all([
    git.run(['tag', '--list'], { allowFailure: true }),
    git.run(['rev-parse', '--is-shallow-repository'], { allowFailure: true }),
    git.run(['rev-parse', '--verify', '--quiet', 'HEAD'], {
      allowFailure: true,
    }),
    git.run(['symbolic-ref', '--quiet', 'HEAD'], { allowFailure: true }),
  ])
  const headSha = head.stdout.trim()
  const branchRef = branch.stdout.trim()
  return {
    tags: tags.stdout
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean),
    shallow: shallow.stdout.trim() === 'true',
    repository: true,
    ...(head.exitCode === 0 && headSha ? { head: headSha } : {}),
    ...(branch.exitCode === 0 && branchRef ? { branchRef } : {}),
  }
}

/**
 * Why `latest` and the floating tags may be wrong for a release build: the
 * clone is shallow, or holds no release tag but this one. Undefined when the
 * history is there.
 */
export function historyWarning(
  facts: GitFacts,
  otherReleases: number,
): string | undefined {
  const fix =
    'check out with `fetch-depth: 0` (actions/checkout) so that every release tag is there'
  if (!facts.repository) {
    return `the working directory is not a git repository, so \`latest\` and the floating tags are decided without the release history; ${fix}`
  }
  if (facts.shallow) {
    return `the clone is shallow, so \`latest\` and the floating tags are decided without the full release history; ${fix}`
  }
  if (otherReleases === 0) {
    return `no other release tag is in the clone, so \`latest\` and the floating tags are decided without history; if this is not the first release, ${fix}`
  }
  return undefined
}
