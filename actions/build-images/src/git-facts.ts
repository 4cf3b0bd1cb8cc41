// What the build reads from the checkout: the tags and remotes that decide
// whether `latest` and the floating tags move, and HEAD and its branch for
// a local run that has no GITHUB_SHA or GITHUB_REF.
import type { Git } from '../../../lib/git/index.js'

/** The checkout, as the build sees it. */
export interface GitFacts {
  /** Every tag name, release or not. */
  readonly tags: readonly string[]
  /** A shallow clone holds only some of the tags. */
  readonly shallow: boolean
  /** The checkout is a git repository at all. */
  readonly repository: boolean
  /** The names of its remotes, `origin` usually. */
  readonly remotes: readonly string[]
  /** HEAD's full SHA. */
  readonly head?: string
  /** `refs/heads/<branch>` when a branch is checked out. */
  readonly branchRef?: string
}

/** Reads the tags, remotes, shallowness, HEAD and branch; never throws on a non-repository. */
export async function readGitFacts(git: Pick<Git, 'run'>): Promise<GitFacts> {
  const inside = await git.run(['rev-parse', '--is-inside-work-tree'], {
    allowFailure: true,
  })
  if (inside.exitCode !== 0) {
    return { tags: [], shallow: false, repository: false, remotes: [] }
  }
  const [tags, shallow, remotes, head, branch] = await Promise.all([
    git.run(['tag', '--list'], { allowFailure: true }),
    git.run(['rev-parse', '--is-shallow-repository'], { allowFailure: true }),
    git.run(['remote'], { allowFailure: true }),
    git.run(['rev-parse', '--verify', '--quiet', 'HEAD'], {
      allowFailure: true,
    }),
    git.run(['symbolic-ref', '--quiet', 'HEAD'], { allowFailure: true }),
  ])
  const headSha = head.stdout.trim()
  const branchRef = branch.stdout.trim()
  return {
    tags: lines(tags.stdout),
    shallow: shallow.stdout.trim() === 'true',
    repository: true,
    remotes: remotes.exitCode === 0 ? lines(remotes.stdout) : [],
    ...(head.exitCode === 0 && headSha ? { head: headSha } : {}),
    ...(branch.exitCode === 0 && branchRef ? { branchRef } : {}),
  }
}

/** The tag names of `git ls-remote --tags` output, peeled lines dropped. */
export function remoteTagNames(output: string): string[] {
  const names = lines(output).flatMap((line) => {
    const ref = line.split('\t')[1] ?? ''
    if (!ref.startsWith('refs/tags/') || ref.endsWith('^{}')) return []
    return [ref.slice('refs/tags/'.length)]
  })
  return [...new Set(names)]
}

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}
