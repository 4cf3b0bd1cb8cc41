// Suggestions for a license name that is not an SPDX id: what the alias
// table says, then ids the name begins, then ids a typo or two away.
import { aliasKey, aliasOf } from './aliases.js'
import {
  allLicenseIds,
  deprecatedLicenseIds,
  findLicenseId,
  replacementOf,
} from './identifiers.js'

// Ids people mean most of the time, preferred when distances tie.
const COMMON = [
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'MPL-2.0',
  'Unlicense',
  'CC0-1.0',
  'GPL-2.0-only',
  'GPL-3.0-only',
  'LGPL-2.1-only',
  'LGPL-3.0-only',
]

/** Up to `limit` SPDX ids (or family wildcards) that `text` may have meant. */
export function suggestLicenseIds(text: string, limit = 3): string[] {
  const found: string[] = []
  const add = (id: string): void => {
    if (!found.includes(id)) found.push(id)
  }
  const alias = aliasOf(text)
  if (alias?.kind === 'id') add(alias.id)
  if (alias?.kind === 'family') alias.suggestions.forEach(add)
  const exact = findLicenseId(text.trim()) ?? findLicenseId(aliasKey(text))
  if (exact !== undefined) add(exact.id)
  const lower = text.trim().toLowerCase()
  if (lower.length >= 2) {
    allLicenseIds()
      .filter((id) => id.toLowerCase().startsWith(`${lower}-`))
      .sort(byCommonThenLength)
      .slice(0, limit)
      .forEach(add)
  }
  const reach = lower.length <= 4 ? 1 : 2
  typoCandidates()
    .filter((c) => Math.abs(c.lower.length - lower.length) <= reach)
    .map((c) => ({ ...c, distance: editDistance(lower, c.lower, reach) }))
    .filter((c) => c.distance <= reach)
    .sort((a, b) => a.distance - b.distance || byCommonThenLength(a.id, b.id))
    .forEach((c) => add(c.shown))
  return found.slice(0, limit)
}

interface Candidate {
  readonly id: string
  readonly lower: string
  /** What to suggest: the id, or a deprecated id's current form. */
  readonly shown: string
}

let candidates: Candidate[] | undefined

// A deprecated id one typo away (`GLP-3.0`) is suggested in its current
// form (`GPL-3.0-only`).
function typoCandidates(): Candidate[] {
  candidates ??= [
    ...allLicenseIds().map((id) => ({ id, shown: id })),
    ...deprecatedLicenseIds().map((id) => ({ id, shown: currentForm(id) })),
  ].map((c) => ({ ...c, lower: c.id.toLowerCase() }))
  return candidates
}

function currentForm(id: string): string {
  const replaced = replacementOf(id, false)
  if (replaced === undefined) return id
  return replaced.exception === undefined
    ? replaced.license
    : `${replaced.license} WITH ${replaced.exception}`
}

function byCommonThenLength(a: string, b: string): number {
  const rank = (id: string): number => {
    const i = COMMON.indexOf(id)
    return i === -1 ? COMMON.length : i
  }
  return rank(a) - rank(b) || a.length - b.length || a.localeCompare(b)
}

/**
 * Levenshtein distance, with a swap of two neighbours counted as one edit;
 * anything over `max` is reported as `max + 1` without finishing the work.
 */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let before: number[] = []
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let cell = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      )
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        cell = Math.min(cell, (before[j - 2] ?? 0) + 1)
      }
      row.push(cell)
      best = Math.min(best, cell)
    }
    if (best > max) return max + 1
    before = previous
    previous = row
  }
  return Math.min(previous[b.length] ?? 0, max + 1)
}

/** A list read aloud: `a`, `a or b`, `a, b or c`. */
export function either(items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`
}
