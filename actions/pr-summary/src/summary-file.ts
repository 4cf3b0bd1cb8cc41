// The rendered summary as a file, for an artifact: a pull_request run of a
// fork cannot write to the pull request, so it saves what it would have
// posted, and a workflow_run or pull_request_target job posts it later
// with `from-file`, without checking out the fork's code.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ConfigError, errorMessage } from '../../../lib/runner/index.js'

/** The file's format name, checked when it is read back. */
export const SUMMARY_FORMAT = 'cortex-actions/pr-summary@1'

/** What a run saves. */
export interface SavedSummary {
  readonly format: typeof SUMMARY_FORMAT
  /** The summary id (its comment marker). */
  readonly id: string
  /** `owner/name` of the base repository. */
  readonly repository: string
  readonly pr: number
  readonly headSha: string
  /** The comment's Markdown, already fitted to GitHub's limit. */
  readonly body: string
  /** The whole summary, every row kept. */
  readonly full: string
}

/** Writes the summary as JSON, making its folder. */
export function saveSummary(path: string, summary: SavedSummary): void {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, `${JSON.stringify(summary, null, 2)}\n`)
}

const EXPECTED =
  'a summary file written by pr-summary (its `summary-file` output, JSON with format, id, repository, pr, headSha, body and full)'

/** Reads a saved summary back; anything else is a ConfigError. */
export function loadSummary(path: string, repository: string): SavedSummary {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown
  } catch (error: unknown) {
    throw new ConfigError(
      'from-file',
      path,
      `${EXPECTED}; ${errorMessage(error)}`,
    )
  }
  const s = (
    typeof parsed === 'object' && parsed !== null ? parsed : {}
  ) as Record<string, unknown>
  const valid =
    s.format === SUMMARY_FORMAT &&
    typeof s.id === 'string' &&
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(s.id) &&
    typeof s.pr === 'number' &&
    Number.isInteger(s.pr) &&
    s.pr > 0 &&
    typeof s.headSha === 'string' &&
    /^[0-9a-f]{40,64}$/.test(s.headSha) &&
    typeof s.body === 'string' &&
    typeof s.full === 'string'
  if (!valid) throw new ConfigError('from-file', path, EXPECTED)
  if (s.repository !== repository) {
    throw new ConfigError(
      'from-file',
      path,
      `a summary of a pull request in ${repository} (the file is for ${String(s.repository)})`,
    )
  }
  return s as unknown as SavedSummary
}
