// The branch-name check, on the pull request's head branch: GITHUB_REF of a
// pull_request run is `refs/pull/7/merge` and would say nothing about the
// branch (dependabot/fetch-metadata#184 and github-tag-action#81 came from
// reading the wrong ref).
import { globListMatcher } from '../../../lib/files/glob-match.js'
import type { Finding, WrittenPattern } from './findings.js'

/** The branch rules a repository chose. */
export interface BranchSettings {
  /** Head refs must match it; the check is off when undefined. */
  readonly pattern?: WrittenPattern
  /** Globs of branches the pattern does not apply to (bots, releases). */
  readonly exempt: readonly string[]
}

/** Checks a head ref against the pattern, unless an exemption covers it. */
export function lintBranch(
  headRef: string,
  settings: BranchSettings,
): Finding[] {
  const { pattern } = settings
  if (pattern === undefined) return []
  if (isExempt(headRef, settings.exempt)) return []
  // `search` ignores a global pattern's lastIndex, so the answer is stable.
  if (headRef.search(pattern.regex) !== -1) return []
  return [
    {
      check: 'branch',
      message: `branch \`${headRef}\` does not match the pattern ${pattern.source}`,
      hint: 'rename the branch to match the pattern, or exempt it with branch-exempt',
    },
  ]
}

/** Whether one of the exemption globs covers the branch. */
export function isExempt(headRef: string, exempt: readonly string[]): boolean {
  return exempt.length > 0 && globListMatcher(exempt)(headRef)
}
