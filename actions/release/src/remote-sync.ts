import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'

/**
 * Brings the clone up to date with the remote branch and its tags before
 * anything is computed. When the commit after this run's is a release
 * commit of ours (a re-run after a later step failed), it moves to it so
 * the release can be completed. Returns a reason to stop when others have
 * pushed since this run's commit: the run for their commit will release it.
 */
export async function syncWithRemote(
  git: Git,
  remote: string,
  branch: string,
  isOurReleaseCommit: (sha: string) => Promise<boolean>,
  logger: Logger,
): Promise<string | undefined> {
  const shallow = await git.text(['rev-parse', '--is-shallow-repository'])
  if (shallow === 'true') {
    logger.notice(
      'the clone is shallow; fetching the whole history (set fetch-depth: 0 on actions/checkout to skip this)',
    )
    await git.run(['fetch', '--quiet', '--unshallow', '--tags', remote])
  }
  await git.run([
    'fetch',
    '--quiet',
    '--tags',
    '--force',
    remote,
    `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`,
  ])
  const head = await git.text(['rev-parse', 'HEAD'])
  const tip = await git.resolve(`refs/remotes/${remote}/${branch}`)
  if (tip === undefined) {
    throw new Error(`${remote} has no branch ${branch} to release to`)
  }
  if (tip === head || (await git.isAncestor(tip, head))) return undefined
  if (!(await git.isAncestor(head, tip))) {
    throw new Error(
      `HEAD ${head.slice(0, 7)} and ${remote}/${branch} ${tip.slice(0, 7)} have diverged; release from a commit of ${branch}`,
    )
  }
  // The commit right after ours on the way to the tip: when it is the
  // release commit an earlier run of this job made, continue from it (and
  // only it: newer commits are their own runs' to release), so a re-run
  // can finish that release even after others have pushed.
  const path = await git.text([
    'rev-list',
    '--reverse',
    '--first-parent',
    '--ancestry-path',
    `${head}..${tip}`,
  ])
  const next = path.split('\n')[0] ?? ''
  if (next !== '' && (await isOurReleaseCommit(next))) {
    logger.info(
      `${remote}/${branch} holds the release commit ${next.slice(0, 7)} an earlier run made from this commit; continuing from it`,
    )
    await git.run(['checkout', '--quiet', '--detach', next])
    return undefined
  }
  return `${remote}/${branch} has moved on to ${tip.slice(0, 7)} since this run's commit ${head.slice(0, 7)}; the run for the newer commit will release it`
}
