// The summary's Markdown, as sections whose per-file rows can be dropped
// to fit a comment: the checks' status, coverage as the coverage stage
// wrote it, and the changes with the labels they give.
import { cell, table } from '../../../lib/runner/index.js'
import type { Changes, ChangedFile } from './changes.js'
import type { CheckStatus, Finding } from './checks.js'
import { statusText } from './checks.js'
import type { Part, Section } from './fit-body.js'

/** Everything the summary says. */
export interface SummaryFacts {
  readonly headSha: string
  readonly checks: readonly CheckStatus[]
  readonly findings: readonly Finding[]
  /** The coverage stage's `markdown` output, embedded as given. */
  readonly coverage?: string
  readonly changes: Changes
  /** The labels this stage gives the pull request. */
  readonly labels: readonly string[]
  readonly sizeLabel: string
}

/** Drop order: coverage of unchanged files, of changed files, file list. */
const COVERAGE_ROW = 1
const CHANGED_COVERAGE_ROW = 2
const FILE_ROW = 3

/** Findings shown in the comment; the rest are counted. */
export const MAX_FINDINGS = 50

/** The summary's sections, in the order they are shown. */
export function summarySections(facts: SummaryFacts): Section[] {
  const title = `### Pull request summary for \`${facts.headSha.slice(0, 7)}\``
  const sections: Section[] = [{ parts: [text(title)] }]
  if (facts.checks.length > 0 || facts.findings.length > 0) {
    sections.push(checksSection(facts.checks, facts.findings))
  }
  if (facts.coverage !== undefined) {
    const paths = facts.changes.files.map((f) => f.path)
    sections.push(coverageSection(facts.coverage, paths))
  }
  sections.push(changesSection(facts))
  return sections
}

function checksSection(
  checks: readonly CheckStatus[],
  findings: readonly Finding[],
): Section {
  const parts: Part[] = [text('#### Checks')]
  if (checks.length > 0) {
    const rows = checks.map((c) => [c.name, statusText(c.status)])
    parts.push(text(table(['check', 'status'], rows)))
  }
  if (findings.length > 0) {
    const lines = findings.slice(0, MAX_FINDINGS).map(findingLine)
    const more = findings.length - MAX_FINDINGS
    if (more > 0) lines.push(`- … and ${more} more findings`)
    const count = `${findings.length} finding${findings.length === 1 ? '' : 's'}:`
    parts.push(text(`\n${count}\n\n${lines.join('\n')}`))
  }
  return { parts }
}

function findingLine(finding: Finding): string {
  const where =
    finding.path === undefined
      ? ''
      : ` (${cell(finding.path)}${finding.line === undefined ? '' : `:${finding.line}`})`
  const rule = finding.rule === undefined ? '' : `**${cell(finding.rule)}**: `
  return `- ${rule}${cell(finding.message)}${where}`
}

const SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/
const TOTAL = /\b(total|totals|all files|overall|summary)\b|\*\*/i

/**
 * The coverage Markdown as given, with the body rows of its tables made
 * droppable, except rows of totals. Rows naming a changed file go last.
 */
export function coverageSection(markdown: string, changed: string[]): Section {
  const parts: Part[] = [text('#### Coverage')]
  const lines = markdown.replace(/\s+$/, '').split(/\r?\n/)
  let kept: string[] = []
  const flush = (): void => {
    if (kept.length > 0) parts.push(text(kept.join('\n')))
    kept = []
  }
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? ''
    const isTable =
      line.trim().startsWith('|') && SEPARATOR.test(lines[i + 1] ?? '')
    if (!isTable) {
      kept.push(line)
      continue
    }
    kept.push(line, lines[i + 1] ?? '')
    i += 2
    for (
      ;
      i < lines.length && (lines[i] ?? '').trim().startsWith('|');
      i += 1
    ) {
      const row = lines[i] ?? ''
      if (TOTAL.test(row)) {
        kept.push(row)
        continue
      }
      flush()
      const mentions = changed.some((path) => row.includes(path))
      parts.push({
        kind: 'rows',
        rows: [row],
        priority: mentions ? CHANGED_COVERAGE_ROW : COVERAGE_ROW,
      })
    }
    i -= 1
  }
  flush()
  return { parts: mergeRows(parts) }
}

/** Joins neighbouring row parts of one priority, so fewer parts remain. */
function mergeRows(parts: Part[]): Part[] {
  const merged: Part[] = []
  for (const part of parts) {
    const last = merged[merged.length - 1]
    if (
      part.kind === 'rows' &&
      last?.kind === 'rows' &&
      last.priority === part.priority
    ) {
      merged[merged.length - 1] = {
        ...last,
        rows: [...last.rows, ...part.rows],
      }
    } else {
      merged.push(part)
    }
  }
  return merged
}

function changesSection(facts: SummaryFacts): Section {
  const { changes } = facts
  const files = changes.files.length
  const parts: Part[] = [
    text('#### Changes'),
    text(
      `- **${files} file${files === 1 ? '' : 's'}** changed, +${changes.additions} −${changes.deletions}; ` +
        `${changes.counted} line${changes.counted === 1 ? '' : 's'} counted → **${cell(facts.sizeLabel)}**`,
    ),
  ]
  const excluded = excludedLine(changes.files)
  if (excluded !== undefined) parts.push(text(`- ${excluded}`))
  if (changes.capped) {
    parts.push(
      text('- GitHub lists at most 3 000 files; the rest are not counted.'),
    )
  }
  const labels = facts.labels.map((l) => `\`${l.replace(/`/g, "'")}\``)
  parts.push(
    text(`- Labels: ${labels.length > 0 ? labels.join(', ') : 'none'}`),
  )
  if (files > 0) {
    parts.push(
      text(
        `\n<details><summary>Changed files</summary>\n\n| file | + | − | counted |\n| --- | ---: | ---: | --- |`,
      ),
      { kind: 'rows', rows: changes.files.map(fileRow), priority: FILE_ROW },
      text('\n</details>'),
    )
  }
  return { parts }
}

function fileRow(file: ChangedFile): string {
  const path =
    file.previousPath === undefined
      ? cell(file.path)
      : `${cell(file.previousPath)} → ${cell(file.path)}`
  const counted = file.excluded === undefined ? 'yes' : `no (${file.excluded})`
  return `| ${path} | ${file.additions} | ${file.deletions} | ${counted} |`
}

function excludedLine(files: readonly ChangedFile[]): string | undefined {
  const totals = new Map<string, { files: number; lines: number }>()
  for (const file of files) {
    if (file.excluded === undefined) continue
    const total = totals.get(file.excluded) ?? { files: 0, lines: 0 }
    total.files += 1
    total.lines += file.additions + file.deletions
    totals.set(file.excluded, total)
  }
  if (totals.size === 0) return undefined
  const parts = [...totals].map(([why, t]) => {
    const kind = why === 'lock file' ? 'lock' : why
    return `${t.files} ${kind} file${t.files === 1 ? '' : 's'} (${t.lines} lines)`
  })
  return `Not counted: ${parts.join(', ')}.`
}

function text(value: string): Part {
  return { kind: 'text', text: value }
}
