// Allow-list entries: an advisory AND the dependency path it was accepted
// on, with an optional expiry date. A bare advisory id is refused: it would
// also cover the same advisory reached through any other package, now or
// later, which nobody reviewed (IBM/audit-ci#356, case C62).

/** One accepted finding. */
export interface AllowEntry {
  /** As written, for messages and for the unused-entry notice. */
  readonly text: string
  /** `GHSA-xxxx-xxxx-xxxx`, in lower case after `GHSA-`. */
  readonly advisory: string
  /** Package names from the project down: `app>request>form-data`. */
  readonly path: string
  /** The last day it applies, `YYYY-MM-DD`; no end when absent. */
  readonly until?: string
}

const GHSA = /^GHSA(-[0-9a-z]{4}){3}$/i
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The advisory id as reports compare it: `GHSA-` then lower case. */
export function advisoryKey(id: string): string {
  return GHSA.test(id) ? `GHSA-${id.slice(5).toLowerCase()}` : id
}

/**
 * Reads one line, `GHSA-…|app>request>form-data until: 2027-01-31`, with
 * an optional `# reason` after it; a string says what is wrong.
 */
export function readAllowEntry(line: string): AllowEntry | string {
  const text = line
    .replace(/\s+#.*$/, '')
    .replace(/\s*([>|])\s*/g, '$1')
    .trim()
  const match = /^(\S+?)\|(\S+)(?:\s+until:?\s*(\S+))?$/.exec(text)
  if (match === null) {
    return GHSA.test(text)
      ? `"${text}" has no dependency path: write ${text}|app>pkg>dep, since a bare advisory would cover every other path too`
      : `"${text}" is not ADVISORY|path>to>pkg [until: YYYY-MM-DD]`
  }
  const [, advisory = '', path = '', until] = match
  if (!GHSA.test(advisory)) {
    return `"${advisory}" is not a GitHub advisory id (GHSA-xxxx-xxxx-xxxx)`
  }
  if (path.split('>').some((name) => name.trim() === '')) {
    return `"${path}" has an empty package name`
  }
  if (until !== undefined && !isDate(until)) {
    return `"${until}" is not a date (YYYY-MM-DD)`
  }
  return {
    text,
    advisory: advisoryKey(advisory),
    path: path
      .split('>')
      .map((name) => name.trim())
      .join('>'),
    ...(until === undefined ? {} : { until }),
  }
}

function isDate(text: string): boolean {
  const match = DATE.exec(text)
  if (match === null) return false
  const date = new Date(`${text}T00:00:00Z`)
  return (
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
  )
}

/** Whether the entry has run out on `today` (`YYYY-MM-DD`, UTC). */
export function hasExpired(entry: AllowEntry, today: string): boolean {
  return entry.until !== undefined && entry.until < today
}

/** The entry for this advisory on exactly this path, if any. */
export function entryFor(
  entries: readonly AllowEntry[],
  advisory: string,
  path: readonly string[],
): AllowEntry | undefined {
  const key = advisoryKey(advisory)
  const joined = path.join('>')
  return entries.find((e) => e.advisory === key && e.path === joined)
}
