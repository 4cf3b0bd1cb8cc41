import type { ReleaseResult } from './release.js'
import { renderDiff } from './text-diff.js'

/** Rows of skipped commits shown in the summary; the rest are counted. */
const SHOWN_SKIPPED = 100

/** The step summary: the version, the notes, the file diffs, the skipped commits. */
export function renderSummary(result: ReleaseResult): string {
  const out: string[] = []
  const mode = result.dryRun ? ' (dry run)' : ''
  if (result.version === undefined) {
    out.push(`## Release${mode}: nothing to release`, '', result.reason ?? '')
  } else {
    const verb = result.dryRun
      ? 'would release'
      : result.released
        ? 'released'
        : 'found'
    out.push(
      `## Release${mode}: ${verb} ${result.tag ?? result.version}`,
      '',
      '| | |',
      '| --- | --- |',
      `| version | \`${result.version}\` |`,
      `| bump | ${result.bump ?? '—'} |`,
      `| previous | ${result.previousTag ? `\`${result.previousTag}\`` : 'none'} |`,
    )
    if (result.commitSha) out.push(`| commit | \`${result.commitSha}\` |`)
    if (result.releaseUrl) out.push(`| GitHub release | ${result.releaseUrl} |`)
    if (result.floatingTags.length > 0) {
      out.push(
        `| floating tags moved | ${result.floatingTags.map((t) => `\`${t}\``).join(', ')} |`,
      )
    }
    if (result.completed) {
      out.push(`| completed | an earlier run's ${result.completed} |`)
    }
    if (result.notes) out.push('', '### Release notes', '', result.notes)
  }
  if (result.changes.length > 0) {
    out.push(
      '',
      result.dryRun ? '### Files it would change' : '### Files changed',
      '',
    )
    for (const change of result.changes) {
      out.push('```diff', renderDiff(change), '```')
    }
  }
  if (result.warnings.length > 0) {
    out.push(
      '',
      '### Warnings',
      '',
      ...result.warnings.map((w) => `- ${cell(w)}`),
    )
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
    if (more > 0)
      out.push('', `… and ${more} more (all in the skipped-commits output).`)
  }
  return `${out.join('\n')}\n`
}

/** Text made safe for one Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;')
}
