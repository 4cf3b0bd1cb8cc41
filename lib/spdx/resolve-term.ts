// One word of an expression to an SPDX term: exact ids pass; a case slip,
// a deprecated id or a well-known alias is read with a note saying so;
// anything else fails with suggestions.
import { aliasOf } from './aliases.js'
import {
  findExceptionId,
  findLicenseId,
  isLicenseRef,
  replacementOf,
} from './identifiers.js'
import { suggestLicenseIds } from './suggest.js'

/** A word read as a license term, or why it could not be. */
export type ResolvedWord =
  | {
      readonly ok: true
      readonly id: string
      readonly plus: boolean
      readonly exception?: string
      /** How the word was corrected, for a warning; empty when exact. */
      readonly notes: readonly string[]
    }
  | {
      readonly ok: false
      readonly reason: string
      readonly suggestions: readonly string[]
    }

/** Reads one word (`MIT`, `GPL-2.0+`, `LicenseRef-x`) as a license term. */
export function resolveLicenseWord(word: string): ResolvedWord {
  const plus = word.length > 1 && word.endsWith('+')
  const base = plus ? word.slice(0, -1) : word
  if (isLicenseRef(base)) return { ok: true, id: base, plus, notes: [] }
  const found = findLicenseId(base)
  if (found !== undefined) {
    const notes: string[] = []
    const replaced = replacementOf(found.id, plus)
    if (found.caseChanged) notes.push(`read "${base}" as "${found.id}"`)
    if (replaced === undefined) {
      if (found.deprecated) {
        notes.push(`"${found.id}" is a deprecated SPDX id`)
      }
      return { ok: true, id: found.id, plus, notes }
    }
    const gnu = /-(only|or-later)$/.test(replaced.license)
    const result = {
      id: replaced.license,
      plus: plus && !gnu,
      ...(replaced.exception === undefined
        ? {}
        : { exception: replaced.exception }),
    }
    const was = `${found.id}${plus ? '+' : ''}`
    const now = `${result.id}${result.plus ? '+' : ''}${
      result.exception === undefined ? '' : ` WITH ${result.exception}`
    }`
    notes.push(`"${was}" is a deprecated SPDX id; read as "${now}"`)
    return { ok: true, ...result, notes }
  }
  const alias = aliasOf(word)
  if (alias?.kind === 'id') {
    return {
      ok: true,
      id: alias.id,
      plus: false,
      notes: [`"${word}" is not an SPDX id; read as "${alias.id}"`],
    }
  }
  return {
    ok: false,
    reason: `"${word}" is not an SPDX license id`,
    suggestions: suggestLicenseIds(word),
  }
}

/** An exception id as SPDX spells it, or why the word is not one. */
export function resolveExceptionWord(
  word: string,
): { ok: true; id: string; notes: string[] } | { ok: false; reason: string } {
  const found = findExceptionId(word)
  if (found === undefined) {
    return { ok: false, reason: `"${word}" is not an SPDX exception id` }
  }
  const notes: string[] = []
  if (found.caseChanged) notes.push(`read "${word}" as "${found.id}"`)
  if (found.deprecated) notes.push(`"${found.id}" is a deprecated SPDX id`)
  return { ok: true, id: found.id, notes }
}
