// What the clone knows of the GitOps history: the recorded commits made
// present (a checkout is often shallow), and whether an application's
// paths at some revision are as at its good one.
import type { Git } from '../../../lib/git/index.js'
import type { RestoreGroup } from './revert.js'

/** Whether `paths` at `revision` are as at `good`; false when git lacks either. */
export async function sameContent(
  git: Git,
  revision: string,
  group: RestoreGroup,
): Promise<boolean> {
  const diff = await git.run(
    [
      '--literal-pathspecs',
      'diff',
      '--quiet',
      revision,
      group.good,
      '--',
      ...group.paths,
    ],
    { allowFailure: true },
  )
  return diff.exitCode === 0
}

/**
 * Makes sure the commits are in the clone: a shallow clone (actions/checkout
 * fetches one commit by default) is deepened, a missing commit fetched.
 * Throws naming the first commit the remote does not have.
 */
export async function ensureCommits(
  git: Git,
  remote: string,
  shas: readonly string[],
): Promise<void> {
  const missing = async (): Promise<string[]> => {
    const out: string[] = []
    for (const sha of shas) {
      if ((await git.resolve(sha)) === undefined) out.push(sha)
    }
    return out
  }
  if ((await missing()).length === 0) return
  const shallow = await git.text(['rev-parse', '--is-shallow-repository'])
  if (shallow === 'true') {
    await git.run(['fetch', '-q', '--no-tags', '--unshallow', remote])
  }
  for (const sha of await missing()) {
    await git.run(['fetch', '-q', '--no-tags', remote, sha], {
      allowFailure: true,
    })
  }
  const still = await missing()
  if (still.length > 0) {
    throw new Error(
      `commit ${still.join(', ')} is not in ${remote}'s history; the backup names revisions of another repository, or they were rewritten`,
    )
  }
}
