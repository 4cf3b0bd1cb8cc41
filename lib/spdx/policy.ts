// Allow- and deny-list entries, checked before any package is looked at:
// each must be an SPDX id, a family wildcard written out (`BSD-*`), or one
// exact `X WITH Y`. A name that merely resembles an id (`IT`, `BSD`,
// `Apache`) is refused with suggestions, never matched as a substring.
import { allLicenseIds, findLicenseId, isLicenseRef } from './identifiers.js'
import { resolveExceptionWord, resolveLicenseWord } from './resolve-term.js'
import { suggestLicenseIds } from './suggest.js'

/** One allow- or deny-list entry. */
export type PolicyEntry =
  | { readonly kind: 'license'; readonly id: string; readonly plus: boolean }
  /** `BSD-*`: every id that starts with `prefix` (`BSD-`), any case. */
  | { readonly kind: 'family'; readonly prefix: string }
  | { readonly kind: 'with'; readonly id: string; readonly exception: string }

/** An entry that is not an SPDX id, and what it may have meant. */
export interface PolicyProblem {
  readonly entry: string
  readonly reason: string
  readonly suggestions: readonly string[]
}

/** A list's entries, its refused entries, and corrections made. */
export interface PolicyList {
  readonly entries: readonly PolicyEntry[]
  readonly problems: readonly PolicyProblem[]
  /** Case slips and deprecated ids corrected, for a warning. */
  readonly notes: readonly string[]
}

/** The entry as it would be written in the list. */
export function entryText(entry: PolicyEntry): string {
  if (entry.kind === 'family') return `${entry.prefix}*`
  if (entry.kind === 'with') return `${entry.id} WITH ${entry.exception}`
  return `${entry.id}${entry.plus ? '+' : ''}`
}

/** Reads and checks every entry of one list, collecting all problems. */
export function readPolicyList(items: readonly string[]): PolicyList {
  const entries: PolicyEntry[] = []
  const problems: PolicyProblem[] = []
  const notes: string[] = []
  for (const item of items) {
    const read = readEntry(item.trim())
    if ('reason' in read) problems.push(read)
    else {
      entries.push(read.entry)
      notes.push(...read.notes)
    }
  }
  return { entries, problems, notes }
}

type ReadEntry =
  { entry: PolicyEntry; notes: readonly string[] } | PolicyProblem

function readEntry(item: string): ReadEntry {
  if (item.endsWith('*')) return readFamily(item)
  const parts = item.split(/\s+with\s+/i)
  const [word = '', exceptionWord] = parts
  const problem = (reason: string, suggestions: string[] = []): ReadEntry => ({
    entry: item,
    reason,
    suggestions,
  })
  if (parts.length > 2 || /\s/.test(word) || /\s/.test(exceptionWord ?? '')) {
    return /\s(AND|OR)\s/i.test(item)
      ? problem('an entry is one license; list each one of an expression')
      : problem('not an SPDX license id', suggestLicenseIds(item))
  }
  const base = word.replace(/\+$/, '')
  if (findLicenseId(base) === undefined && !isLicenseRef(base)) {
    return problem('not an SPDX license id', suggestLicenseIds(word))
  }
  const license = resolveLicenseWord(word)
  if (!license.ok) return problem(license.reason, [...license.suggestions])
  if (exceptionWord === undefined) {
    if (license.exception !== undefined) {
      return {
        entry: { kind: 'with', id: license.id, exception: license.exception },
        notes: license.notes,
      }
    }
    return {
      entry: { kind: 'license', id: license.id, plus: license.plus },
      notes: license.notes,
    }
  }
  const exception = resolveExceptionWord(exceptionWord)
  if (!exception.ok) return problem(exception.reason)
  if (license.exception !== undefined || license.plus) {
    return problem('write the license of a WITH entry without + or exception')
  }
  return {
    entry: { kind: 'with', id: license.id, exception: exception.id },
    notes: [...license.notes, ...exception.notes],
  }
}

function readFamily(item: string): ReadEntry {
  const prefix = item.slice(0, -1)
  if (!/^[A-Za-z0-9.]+(-[A-Za-z0-9.]+)*-$/.test(prefix)) {
    return {
      entry: item,
      reason: 'a wildcard is a family name, a dash and a star',
      suggestions: ['BSD-*', 'Apache-*'],
    }
  }
  const lower = prefix.toLowerCase()
  const members = allLicenseIds().filter((id) =>
    id.toLowerCase().startsWith(lower),
  )
  if (members.length === 0) {
    return {
      entry: item,
      reason: 'the wildcard matches no SPDX license id',
      suggestions: suggestLicenseIds(prefix.slice(0, -1)),
    }
  }
  return { entry: { kind: 'family', prefix }, notes: [] }
}
