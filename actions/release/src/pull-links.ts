import type { Git } from '../../../lib/git/index.js'
import type { Analysis } from './analyze.js'

/** Pull-request merges followed at most, so a huge range stays quick. */
const MAX_MERGES = 200

/**
 * Gives each note entry brought in by a "Merge pull request #N" commit
 * that pull request's number, so the notes link it as they link squash
 * merges' `(#N)`. One `git rev-list base..head` per merge; an entry gets
 * the number of the pull request that first brought it in.
 */
export async function linkPullRequests(
  git: Git,
  analysis: Analysis,
): Promise<void> {
  const waiting = new Map(
    analysis.entries
      .filter((e) => e.pullRequest === undefined)
      .map((e) => [e.sha, e] as const),
  )
  if (waiting.size === 0) return
  const merges = [...analysis.pullMerges].reverse().slice(-MAX_MERGES)
  // Oldest first: a branch merged into another before the base keeps the
  // number of its own pull request.
  for (const merge of merges) {
    const out = await git.text(['rev-list', `${merge.base}..${merge.head}`])
    for (const sha of out.split('\n')) {
      const entry = waiting.get(sha)
      if (entry !== undefined && entry.pullRequest === undefined) {
        entry.pullRequest = merge.number
      }
    }
  }
}
