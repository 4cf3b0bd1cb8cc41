// Markdown for step summaries: table cells that cannot break their row or
// inject HTML, whatever a server or a branch name put in them.

/** Text made safe for one Markdown table cell: one line, no pipes, no tags. */
export function cell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ')
}

/** A Markdown table; the header's cells are written as given. */
export function table(
  header: readonly string[],
  rows: readonly string[][],
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`
  return [
    line(header),
    line(header.map(() => '---')),
    ...rows.map((row) => line(row.map(cell))),
  ].join('\n')
}
