// The generic rule: a value assigned to a key that names a secret
// (`DB_PASSWORD=…`, `"apiKey": "…"`, `token: …`), reported only when the
// value looks random: long enough, above an entropy floor, and neither a
// placeholder, a reference, a name nor a public key. Every candidate it
// turns down comes with the reason, for the debug log.
import { entropyFloor, shannonEntropy } from './entropy.js'
import { secretNameReason } from './secret-names.js'
import { placeholderReason } from './stop-words.js'
import type { RuleInfo } from './types.js'

/** The generic rule, as reports and SARIF name it. */
export const GENERIC_RULE: RuleInfo = {
  id: 'generic-secret',
  description: 'Secret-looking value assigned to a secret-named key',
  severity: 5.0,
}

const WORDS = ['pass', 'pwd', 'secret', 'token', 'key', 'credential', 'auth']

/** The generic rule's keywords in the cases keys are written in. */
export const GENERIC_KEYWORDS: readonly string[] = WORDS.flatMap((word) => [
  word,
  word.charAt(0).toUpperCase() + word.slice(1),
  word.toUpperCase(),
])

/** A value assigned to a key on one line, positions within the line. */
export interface Assignment {
  readonly key: string
  readonly value: string
  readonly valueStart: number
}

/** What the generic rule made of one key on a line. */
export type GenericOutcome =
  | { readonly kind: 'secret'; readonly assignment: Assignment }
  | {
      readonly kind: 'rejected'
      readonly key: string
      /** Where the value lies on the line, when one is assigned. */
      readonly span?: readonly [number, number]
      readonly reason: string
    }

const KEYWORD = /pass|pwd|secret|token|key|credential|auth/gi
const KEY_CHAR = /[A-Za-z0-9_.-]/
const MAX_KEY = 80
const MAX_VALUE = 300
const MIN_VALUE = 8

/**
 * The generic rule on one line: every key around a keyword, with its
 * verdict. Keys that name no secret and hold nothing secret-looking are
 * left out, so the debug log is not every `key:` of a file; unless
 * `explain`, so are all turned-down keys, which spares judging the value
 * of every `key:` of minified code.
 */
export function genericOutcomes(
  line: string,
  explain = true,
): GenericOutcome[] {
  const outcomes: GenericOutcome[] = []
  KEYWORD.lastIndex = 0
  for (let hit = KEYWORD.exec(line); hit; hit = KEYWORD.exec(line)) {
    let start = hit.index
    let end = hit.index + hit[0].length
    while (start > 0 && KEY_CHAR.test(line.charAt(start - 1))) start -= 1
    while (end < line.length && KEY_CHAR.test(line.charAt(end))) end += 1
    KEYWORD.lastIndex = end
    // A run this long is data (base64, minified code), not a key.
    if (end - start > MAX_KEY) continue
    const key = line.slice(start, end)
    // Most keys in code are read, not assigned: the cheap test goes first
    // unless every key's reason is wanted.
    const assignment = assignmentAt(line, start, end, key)
    if (assignment === undefined && !explain) continue
    const nameReason = secretNameReason(key)
    if (nameReason !== undefined && !explain) continue
    if (assignment === undefined) {
      if (nameReason === undefined && explain) {
        outcomes.push({ kind: 'rejected', key, reason: 'no value assigned' })
      }
      continue
    }
    const valueReason = valueRejection(assignment.value)
    if (nameReason === undefined && valueReason === undefined) {
      outcomes.push({ kind: 'secret', assignment })
    } else if (
      explain &&
      (nameReason === undefined ||
        valueReason === undefined ||
        /public/.test(`${nameReason} ${valueReason}`))
    ) {
      outcomes.push({
        kind: 'rejected',
        key,
        span: [
          assignment.valueStart,
          assignment.valueStart + assignment.value.length,
        ],
        reason: [nameReason, valueReason].filter(Boolean).join('; '),
      })
    }
  }
  return outcomes
}

/** The value assigned to the key at [start, end), if the line assigns one. */
function assignmentAt(
  line: string,
  start: number,
  end: number,
  key: string,
): Assignment | undefined {
  let at = end
  const opening = line.charAt(start - 1)
  if ((opening === '"' || opening === "'") && line.charAt(at) === opening) {
    at += 1
  }
  while (line.charAt(at) === ' ' || line.charAt(at) === '\t') at += 1
  const operator = /^(?::=|=>|=(?!=)|:(?!:))/.exec(line.slice(at, at + 2))
  if (operator === null) return undefined
  if (/[!<>=]/.test(line.charAt(at - 1))) return undefined
  at += operator[0].length
  while (line.charAt(at) === ' ' || line.charAt(at) === '\t') at += 1
  const quote = line.charAt(at)
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = line.indexOf(quote, at + 1)
    if (close < 0 || close - at > MAX_VALUE) return undefined
    const value = line.slice(at + 1, close)
    return value === '' ? undefined : { key, value, valueStart: at + 1 }
  }
  const bare = /^[^\s,;(){}[\]"'`]{1,300}/.exec(line.slice(at, at + MAX_VALUE))
  if (bare === null) return undefined
  // `self.vault.get(…)` or `keys[0]` is code that computes the value.
  if (/[([]/.test(line.charAt(at + bare[0].length))) return undefined
  return { key, value: bare[0], valueStart: at }
}

/** Why an assigned value is no secret, or undefined when it may be one. */
export function valueRejection(value: string): string | undefined {
  if (/^(?:ssh-|ecdsa-sha2-|sk-ssh-|sk-ecdsa-)/.test(value)) {
    return 'the value is a public key'
  }
  if (/\s/.test(value)) return 'the value reads as text, not a token'
  if (value.includes('-----BEGIN')) {
    return 'PEM armour, which the private-key rule checks'
  }
  if (value.length < MIN_VALUE) {
    return `the value is ${value.length} characters, shorter than ${MIN_VALUE}`
  }
  const placeholder = placeholderReason(value)
  if (placeholder !== undefined) return `the value ${placeholder}`
  if (/passw(?:or)?d/i.test(value)) return 'the value spells out a password'
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'the value is a URL'
  if (/^[\d.,_-]+$/.test(value)) return 'the value is a number'
  if (looksLikeName(value)) return 'the value looks like a name or a path'
  const bits = shannonEntropy(value)
  const floor = entropyFloor(value.length)
  if (bits < floor) {
    return `entropy ${bits.toFixed(2)} bits a character, below ${floor.toFixed(2)}`
  }
  return undefined
}

/**
 * Words joined by separators, or one camel-case word: `inf-role-id`,
 * `TF_VAR_APPROLEID`, `req.headers.token`, `getPassword`, `/run/secrets/db`.
 * A random token mixes case and digits in a way words do not.
 */
export function looksLikeName(value: string): boolean {
  const parts = value.replace(/^[./~]+/, '').split(/[-_.:/@]+/)
  return parts.every((part) => {
    if (part === '') return true
    const digits = part.replace(/\D/g, '').length
    if (digits > Math.max(2, part.length / 5)) return false
    return (
      /^[A-Z]?[a-z0-9]+(?:[A-Z][a-z0-9]+)*$/.test(part) ||
      /^[A-Z][A-Z0-9]*$/.test(part)
    )
  })
}
