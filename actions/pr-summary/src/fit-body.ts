// Keeping the comment under GitHub's limit of 65 536 characters, which a
// coverage table of a few thousand files passes easily: per-file rows are
// dropped first (coverage rows of unchanged files, then of changed files,
// then the changed-files list), each section saying how many it lost;
// totals and the checks' status stay. Only when that is not enough is the
// text cut.

/** Text kept whole, or table rows that may be dropped. */
export type Part =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'rows'
      readonly rows: readonly string[]
      /** Lower is dropped first. */
      readonly priority: number
    }

/** One section of the summary: its parts, one line or more each. */
export interface Section {
  readonly parts: readonly Part[]
}

/** Where the body leaves room for the marker and what GitHub adds. */
export const COMMENT_LIMIT = 65_000

/** The note a section gets for the rows it lost. */
export function omittedNote(count: number): string {
  const rows = count === 1 ? 'row' : 'rows'
  return `_${count} ${rows} omitted to fit GitHub's comment limit; full report in the job summary and the summary-file artifact._`
}

/** The sections as Markdown, whole. */
export function renderSections(sections: readonly Section[]): string {
  return sections.map((s) => renderSection(s, new Set(), 0)).join('\n\n')
}

/**
 * The sections as Markdown of at most `limit` characters, with rows
 * dropped in priority order, the last rows of each run first.
 */
export function fitSections(
  sections: readonly Section[],
  limit: number,
): { text: string; omitted: number } {
  const whole = renderSections(sections)
  if (whole.length <= limit) return { text: whole, omitted: 0 }
  const candidates: {
    key: string
    section: number
    cost: number
    order: number[]
  }[] = []
  sections.forEach((section, s) =>
    section.parts.forEach((part, p) => {
      if (part.kind !== 'rows') return
      part.rows.forEach((row, r) => {
        candidates.push({
          key: `${s}:${p}:${r}`,
          section: s,
          cost: row.length + 1,
          order: [part.priority, -s, -p, -r],
        })
      })
    }),
  )
  candidates.sort((a, b) => compare(a.order, b.order))
  // Each note costs at most this much; reserved for every section.
  const reserve = sections.length * (omittedNote(candidates.length).length + 2)
  let excess = whole.length - limit + reserve
  const dropped = new Set<string>()
  for (const candidate of candidates) {
    if (excess <= 0) break
    dropped.add(candidate.key)
    excess -= candidate.cost
  }
  const text = sections
    .map((section, s) => renderSection(section, dropped, s))
    .join('\n\n')
  return { text: cut(text, limit), omitted: dropped.size }
}

function renderSection(
  section: Section,
  dropped: ReadonlySet<string>,
  s: number,
): string {
  const lines: string[] = []
  let omitted = 0
  section.parts.forEach((part, p) => {
    if (part.kind === 'text') {
      lines.push(part.text)
      return
    }
    part.rows.forEach((row, r) => {
      if (dropped.has(`${s}:${p}:${r}`)) omitted += 1
      else lines.push(row)
    })
  })
  if (omitted > 0) lines.push('', omittedNote(omitted))
  return lines.join('\n')
}

/** The text cut at a line end to fit, saying how much was left out. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text
  const note = (n: number): string =>
    `\n\n_${n} more characters omitted to fit GitHub's comment limit; full report in the job summary and the summary-file artifact._`
  const room = limit - note(text.length).length
  const head = text.slice(0, Math.max(0, room))
  const end = head.lastIndexOf('\n')
  const kept = end > 0 ? head.slice(0, end) : head
  return `${kept}${note(text.length - kept.length)}`
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}
