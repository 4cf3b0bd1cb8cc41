import type { Git } from '../../../lib/git/index.js'
import type { FileChange } from '../../../lib/files/index.js'

/**
 * Checks that the working directory is a repository with history enough to
 * release from, before anything is read or written, so the user gets a
 * plain sentence instead of git's own words.
 */
export async function checkRepository(
  git: Git,
  dryRun: boolean,
): Promise<void> {
  const inside = await git.run(['rev-parse', '--is-inside-work-tree'], {
    allowFailure: true,
  })
  if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true') {
    throw new Error(
      `${git.cwd} is not a git repository; set working-directory to your checkout`,
    )
  }
  if ((await git.resolve('HEAD')) === undefined) {
    throw new Error(`the repository in ${git.cwd} has no commits yet`)
  }
  // A real run fetches the missing history; a dry run writes nothing, so it
  // cannot, and would compute from a history cut short.
  if (
    dryRun &&
    (await git.text(['rev-parse', '--is-shallow-repository'])) === 'true'
  ) {
    throw new Error(
      'the clone is shallow, so the commits since the last release cannot all be read; ' +
        'check out with fetch-depth: 0 (actions/checkout) or run git fetch --unshallow --tags',
    )
  }
}

/**
 * Refuses to release over uncommitted edits of the files the release
 * changes: the release commit would carry them unseen.
 */
export async function checkCleanFiles(
  git: Git,
  changes: readonly FileChange[],
): Promise<void> {
  if (changes.length === 0) return
  // Not trimmed: each porcelain line starts with two status columns.
  const { stdout: status } = await git.run([
    'status',
    '--porcelain',
    '--',
    ...changes.map((c) => c.path),
  ])
  const dirty = status
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.slice(3))
  if (dirty.length > 0) {
    throw new Error(
      `${dirty.join(', ')} ${dirty.length === 1 ? 'has' : 'have'} uncommitted changes that the release commit would carry; commit or discard them first`,
    )
  }
}
