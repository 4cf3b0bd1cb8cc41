import type { ReleaseResult } from './release.js'
import { cell, clip } from '../../../lib/runner/index.js'
import { renderDiff } from '../../../lib/files/index.js'

/** Entries of the skipped-commits output, at most. */
export const MAX_SKIPPED_OUTPUT = 1000
/** Bytes of the notes output; GitHub keeps 1 MiB of a job's outputs. */
export const NOTES_OUTPUT_LIMIT = 512 * 1024
/** Rows of skipped commits shown in the summary; the rest are counted. */
const SHOWN_SKIPPED = 100
/** Bytes of notes in the summary, which GitHub caps at 1 MiB in all. */
const NOTES_LIMIT = 256 * 1024
/** Bytes of one file's diff in the summary. */
const DIFF_LIMIT = 64 * 1024

/** The step summary: the version, the notes, the file diffs, the skipped commits. */
export function renderSummary(result: ReleaseResult): string {
  const out: string[] = []
  const mode = result.dryRun ? ' (dry run)' : ''
  if (result.failure !== undefined) {
    out.push(`## Release${mode}: failed`, '', `> ${cell(result.failure)}`, '')
    if (result.commitSha !== undefined) {
      out.push('A re-run finds what this run made and completes the rest.', '')
    }
  }
  if (result.version === undefined) {
    if (result.failure === undefined) {
      out.push(`## Release${mode}: nothing to release`, '', result.reason ?? '')
    }
  } else {
    const verb = result.dryRun
      ? 'would release'
      : result.released
        ? 'released'
        : 'was releasing'
    if (result.failure === undefined) {
      out.push(`## Release${mode}: ${verb} ${result.tag ?? result.version}`, '')
    }
    out.push(
      '| | |',
      '| --- | --- |',
      `| version | \`${result.version}\` |`,
      `| bump | ${result.bump ?? '—'} |`,
      `| previous | ${result.previousTag ? `\`${result.previousTag}\`` : 'none'} |`,
    )
    if (result.commitSha) {
      const label = result.failure ? 'tag pushed on' : 'commit'
      out.push(`| ${label} | \`${result.commitSha}\` |`)
    }
    if (result.releaseUrl) {
      const state = result.draft
        ? ' (a draft: its assets are not all attached)'
        : ''
      out.push(`| GitHub release | ${result.releaseUrl}${state} |`)
    }
    if (result.assets.length > 0) {
      const label = result.dryRun ? 'assets it would attach' : 'assets'
      out.push(
        `| ${label} | ${result.assets.map((a) => `\`${cell(a)}\``).join(', ')} |`,
      )
    }
    if (result.floatingTags.length > 0) {
      const label = result.dryRun
        ? 'floating tags it would move'
        : 'floating tags moved'
      out.push(
        `| ${label} | ${result.floatingTags.map((t) => `\`${t}\``).join(', ')} |`,
      )
    }
    if (result.completed) {
      out.push(`| completed | an earlier run's ${result.completed} |`)
    }
    if (result.notes) {
      const whole = result.releaseUrl ?? 'the notes output'
      out.push(
        '',
        '### Release notes',
        '',
        clip(result.notes, NOTES_LIMIT, whole),
      )
    }
  }
  if (result.changes.length > 0) {
    out.push(
      '',
      result.dryRun ? '### Files it would change' : '### Files changed',
      '',
    )
    for (const change of result.changes) {
      out.push(
        '```diff',
        clip(renderDiff(change, result.pathPrefix), DIFF_LIMIT, 'the log'),
        '```',
      )
    }
  }
  if (result.warnings.length > 0) {
    out.push(
      '',
      '### Warnings',
      '',
      ...result.warnings.slice(0, SHOWN_SKIPPED).map((w) => `- ${cell(w)}`),
    )
    const more = result.warnings.length - SHOWN_SKIPPED
    if (more > 0) out.push('', `… and ${more} more in the log.`)
  }
  if (result.skipped.length > 0) {
    out.push(
      '',
      `### Commits that do not count (${result.skipped.length})`,
      '',
      '| commit | header | reason |',
      '| --- | --- | --- |',
      ...result.skipped
        .slice(0, SHOWN_SKIPPED)
        .map(
          (s) =>
            `| \`${s.sha.slice(0, 7)}\` | ${cell(s.header)} | ${cell(s.reason)} |`,
        ),
    )
    const more = result.skipped.length - SHOWN_SKIPPED
    if (more > 0) {
      out.push(
        '',
        `… and ${more} more; the skipped-commits output lists the first ${MAX_SKIPPED_OUTPUT}.`,
      )
    }
  }
  return `${out.join('\n')}\n`
}
