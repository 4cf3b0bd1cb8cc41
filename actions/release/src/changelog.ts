// Puts a release's notes into CHANGELOG.md. The file belongs to its authors
// and their formatters: the new section is spliced in directly above the
// newest version section and no other byte moves. The title is only written
// into an empty file, so a title re-wrapped by a formatter can never be
// added a second time (CASES.md C19).

/** The changelog's new text, and whether it differs from the old. */
export interface ChangelogUpdate {
  text: string
  changed: boolean
}

interface VersionHeading {
  /** Where a new section goes: the heading's line, or its anchor above. */
  insertAt: number
  version: string
}

// `# [1.2.0](…)`, `## 1.2.0 (…)`, `## v1.2.0`, `## [v1.2.0] - …`, and the
// `## <small>1.2.0 (…)</small>` conventional-changelog writes for patches,
// and the `### [1.1.1]` standard-version writes for them.
const VERSION_HEADING =
  /^ {0,3}#{1,3}[ \t]+(?:<small>)?\[?v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)(?![0-9A-Za-z.+-])/
// Older conventional-changelog writes `<a name="1.2.0"></a>` above a heading.
const ANCHOR = /^<a name="[^"]*"><\/a>\s*$/
const FENCE = /^ {0,3}(```|~~~)/

/**
 * Inserts `notes` above the newest version section; keeps the file's line
 * endings and final newline. A section for `version` already present (a
 * re-run) leaves the text unchanged.
 */
export function insertRelease(
  existing: string | undefined,
  notes: string,
  options: { title: string; version: string },
): ChangelogUpdate {
  const body = notes.replace(/\r\n?/g, '\n').replace(/\s+$/, '')
  if (existing === undefined || existing.trim() === '') {
    const title = options.title.replace(/\r\n?/g, '\n').trim()
    const text = title === '' ? `${body}\n` : `${title}\n\n${body}\n`
    return { text, changed: true }
  }
  const headings = versionHeadings(existing)
  const wanted = options.version.replace(/^v/, '')
  if (headings.some((heading) => heading.version === wanted)) {
    return { text: existing, changed: false }
  }
  const eol = existing.includes('\r\n') ? '\r\n' : '\n'
  const block = body.split('\n').join(eol)
  const newest = headings[0]
  if (newest !== undefined) {
    const at = newest.insertAt
    const text = existing.slice(0, at) + block + eol + eol + existing.slice(at)
    return { text, changed: true }
  }
  return { text: append(existing, block, eol), changed: true }
}

/** Appends after the existing text with one blank line between. */
function append(existing: string, block: string, eol: string): string {
  if (/\n[ \t]*\r?\n$/.test(existing)) return existing + block + eol
  if (existing.endsWith('\n')) return existing + eol + block + eol
  // No final newline before, none after.
  return existing + eol + eol + block
}

/** Every version heading outside fenced code, in file order. */
function versionHeadings(text: string): VersionHeading[] {
  const headings: VersionHeading[] = []
  let fenced = false
  let anchorAt: number | undefined
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline + 1
    const line = text.slice(start, end).replace(/\r?\n$/, '')
    if (FENCE.test(line)) fenced = !fenced
    const match = fenced ? null : VERSION_HEADING.exec(line)
    if (match !== null) {
      headings.push({ insertAt: anchorAt ?? start, version: match[1] })
    }
    if (!fenced && ANCHOR.test(line)) anchorAt ??= start
    else anchorAt = undefined
    start = end
  }
  return headings
}
