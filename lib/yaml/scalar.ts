// How a value is written as a YAML scalar: plain when YAML reads it back as
// the same string under both 1.1 and 1.2, else quoted in the target's style.
import { parse } from 'yaml'
import type { Scalar } from 'yaml'

// A scalar's value as text: numbers and booleans as YAML wrote them.
export function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  return JSON.stringify(value)
}

/**
 * The text of a scalar holding `value`. A value YAML would read as anything
 * but this string is quoted, in the target's own quote style (double when it
 * was plain). Quotes the old value did not need were the file's choice and
 * are kept (`"1.4.0"` → `"1.4.1"`, CASES C38); quotes it needed are dropped
 * once the new value no longer needs them (`"1.9"` → `v1.10`, CASES C34).
 */
export function scalarSource(
  value: string,
  type?: Scalar.Type,
  old?: string,
): string {
  const quoted = type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE'
  const chosen = quoted && old !== undefined && isPlainSafe(old)
  if (isPlainSafe(value) && !chosen) return value
  if (type === 'QUOTE_SINGLE' && !/[\p{Cc}]/u.test(value)) {
    return `'${value.replaceAll("'", "''")}'`
  }
  return doubleQuoted(value)
}

// JSON's string syntax is a subset of YAML's double-quoted scalar.
function doubleQuoted(value: string): string {
  return JSON.stringify(value)
}

// Characters that start something else when they lead a plain scalar.
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/
// Flow indicators are read as structure inside `{...}` and `[...]`.
const FLOW_INDICATOR = /[,[\]{}]/

/**
 * Whether `value` reads back as the same string when written plain, under
 * both YAML 1.2 core and YAML 1.1: `1.10`, `0755`, `yes`, `~`, `2024-01-01`
 * and `1:20` are not strings in at least one of them.
 */
export function isPlainSafe(value: string): boolean {
  if (value === '' || value !== value.trim()) return false
  if (INDICATOR_START.test(value) || FLOW_INDICATOR.test(value)) return false
  if (/[\p{Cc}]/u.test(value) || value.includes(': ')) return false
  if (value.includes(' #') || value.endsWith(':')) return false
  if (value === '<<' || value === '=') return false
  return (
    parse(value, { version: '1.2' }) === value &&
    parse(value, { version: '1.1' }) === value
  )
}
