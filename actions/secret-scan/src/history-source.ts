// The added lines of a range of commits, streamed from one `git log -p`
// run, so a long history is scanned while git is still writing it.
import type { Git } from '../../../lib/git/index.js'
import type { AddedText } from './patch-reader.js'
import { PatchReader } from './patch-reader.js'
import type { Skipped } from './tree-source.js'

/** Which commits to read: `git log` revision arguments and a depth. */
export interface CommitRange {
  /** e.g. `B..H`, or `A --not origin/main`. */
  readonly revs: readonly string[]
  /** At most this many commits, newest first; all when undefined. */
  readonly maxCount?: number
}

/** git log's arguments for the range, after the revision-walk options. */
function walk(range: CommitRange): string[] {
  return [
    ...(range.maxCount === undefined ? [] : [`--max-count=${range.maxCount}`]),
    ...range.revs,
    '--',
  ]
}

/** How many commits the range holds. */
export async function countCommits(
  git: Git,
  range: CommitRange,
): Promise<number> {
  return Number(await git.text(['rev-list', '--count', ...walk(range)]))
}

/**
 * Hands each commit's added lines to `onText`, file by file. Merge commits
 * show no patch (git log's default), so a line is read in the commit that
 * first added it.
 */
export async function readAddedLines(
  git: Git,
  range: CommitRange,
  maxBytes: number,
  skipped: Skipped,
  onText: (added: AddedText) => void,
): Promise<void> {
  const reader = new PatchReader(onText, maxBytes, skipped)
  await git.stream(
    [
      // Paths as they are, not octal-escaped; no pager, colour or helpers.
      '-c',
      'core.quotePath=false',
      'log',
      '-p',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--src-prefix=a/',
      '--dst-prefix=b/',
      '--format=%x01%H',
      ...walk(range),
    ],
    (text) => reader.push(text),
  )
  reader.end()
}
