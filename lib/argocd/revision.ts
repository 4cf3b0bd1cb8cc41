// Revisions as a wait compares and shows them: a commit by its full SHA or
// an abbreviation, matched without regard to case; a chart version as is.

// 7 hex digits is git's default abbreviation; 64 is a SHA-256 object name.
const COMMIT = /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/i

/** Whether `text` is a commit SHA or an abbreviation of at least 7 hex digits. */
export function isCommitRevision(text: string): boolean {
  return COMMIT.test(text)
}

/**
 * Whether the revision Argo CD reports is the one `expected` names: the
 * commit it abbreviates, or for anything else (a Helm chart's version)
 * exactly that.
 */
export function revisionMatches(actual: string, expected: string): boolean {
  if (!isCommitRevision(expected)) return expected !== '' && actual === expected
  if (!isCommitRevision(actual)) return false
  return actual.toLowerCase().startsWith(expected.toLowerCase())
}

/** A commit as a log line shows it: its first 7 hex digits. */
export function shortRevision(revision: string): string {
  return isCommitRevision(revision) ? revision.slice(0, 7) : revision
}
