import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'

/**
 * Brings the clone up to date with the remote branch and its tags before
 * anything is computed. When the remote is ahead only by release commits of
 * ours (a re-run after a later step failed), it moves to them so the release
 * can be completed. Returns a reason to stop when others have pushed since
 * this run's commit: the run for their commit will release it.
 */
export async function syncWithRemote(
  git: Git,
  remote: string,
  branch: string,
  isReleaseCommit: (header: string) => boolean,
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
  const ahead = (await git.text(['log', '--format=%s', `${head}..${tip}`]))
    .split('\n')
    .filter((s) => s !== '')
  if (ahead.every(isReleaseCommit)) {
    logger.info(
      `${remote}/${branch} is ahead by the release commit of an earlier run; continuing from ${tip.slice(0, 7)}`,
    )
    await git.run(['checkout', '--quiet', '--detach', tip])
    return undefined
  }
  return `${remote}/${branch} has moved on to ${tip.slice(0, 7)} since this run's commit ${head.slice(0, 7)}; the run for the newer commit will release it`
}
