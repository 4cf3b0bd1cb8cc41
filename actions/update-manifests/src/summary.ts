// The step summary: what happened in one sentence, the changes as a table,
// and the diff a reviewer would want to see.
import { renderDiff } from '../../../lib/files/index.js'
import type { UpdateResult } from './update.js'

/** What the run did, in one sentence. */
export function headline(result: UpdateResult): string {
  const files = result.plan.edits.length
  const what = `${files} file${files === 1 ? '' : 's'}`
  if (result.dryRun) {
    return files === 0
      ? 'Dry run: the files already hold these versions; nothing would change.'
      : `Dry run: would change ${what}; nothing was written.`
  }
  if (result.upToDate !== undefined && result.pullUrl === undefined) {
    return `Already up to date: ${result.upToDate}.`
  }
  if (result.pullUrl !== undefined) {
    const verb = result.pullCreated === true ? 'Opened' : 'Updated'
    return `${verb} pull request [#${result.pullNumber ?? ''}](${result.pullUrl}) from \`${result.branch ?? ''}\`, changing ${what}.`
  }
  if (result.commitSha !== undefined) {
    const tries =
      result.attempts > 1
        ? ` (after ${result.attempts - 1} rejected push${result.attempts > 2 ? 'es' : ''}, re-applied on the new tip)`
        : ''
    return `Pushed \`${result.commitSha.slice(0, 12)}\` to \`${result.branch ?? ''}\`, changing ${what}${tries}.`
  }
  return `Wrote ${what} in place; nothing was committed.`
}

/** The whole summary, Markdown. */
export function renderSummary(result: UpdateResult, failure?: string): string {
  const lines = ['## update-manifests', '']
  if (failure !== undefined) lines.push(`**Failed:** ${failure}`, '')
  else lines.push(headline(result), '')
  const changes = result.plan.edits.flatMap((e) => e.changes)
  if (changes.length > 0) {
    lines.push(
      '| file | line | path | old | new |',
      '| --- | --: | --- | --- | --- |',
    )
    for (const c of changes) {
      lines.push(
        `| \`${c.file}\` | ${c.line} | \`${c.path}\` | ${cell(c.old)} | ${cell(c.new)} |`,
      )
    }
    lines.push(
      '',
      '```diff',
      ...result.plan.edits.map((e) => renderDiff(e)),
      '```',
      '',
    )
  }
  if (result.plan.skipped.length > 0) {
    lines.push(
      `<details><summary>${result.plan.skipped.length} files skipped (not YAML)</summary>`,
      '',
      ...result.plan.skipped.map((s) => `- \`${s.file}\`: ${s.reason}`),
      '',
      '</details>',
      '',
    )
  }
  return lines.join('\n')
}

function cell(value: string | null): string {
  if (value === null) return '(added)'
  if (value === '') return '(empty)'
  return `\`${value.replaceAll('|', '\\|').replaceAll('`', "'")}\``
}
