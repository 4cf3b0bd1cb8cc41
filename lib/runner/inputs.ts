import * as core from '@actions/core'
import { ConfigError } from './config-error.js'

// One reader for every stage: an optional empty input is `undefined`, lists
// split on newlines and commas, booleans accept the YAML 1.2 core words.
// `required:` in action.yml is documentation only, so requiredness is checked
// here.

/** A trimmed input, or undefined when empty or unset. */
export function optionalInput(name: string): string | undefined {
  const value = core.getInput(name, { trimWhitespace: true })
  return value === '' ? undefined : value
}

/** A trimmed input that must be set. */
export function requiredInput(name: string): string {
  const value = optionalInput(name)
  if (value === undefined) throw new ConfigError(name, '', 'a value')
  return value
}

/** An input as written, keeping inner blank lines; undefined when empty. */
export function multilineInput(name: string): string | undefined {
  const value = core.getInput(name, { trimWhitespace: false })
  return value.trim() === '' ? undefined : value
}

const TRUE = new Set(['true', 'True', 'TRUE', 'yes', 'on', '1'])
const FALSE = new Set(['false', 'False', 'FALSE', 'no', 'off', '0'])

/** A boolean input; empty gives the default. */
export function booleanInput(name: string, fallback: boolean): boolean {
  const value = optionalInput(name)
  if (value === undefined) return fallback
  if (TRUE.has(value)) return true
  if (FALSE.has(value)) return false
  throw new ConfigError(
    name,
    value,
    '`true` or `false` (yes/no, on/off and 1/0 are read too)',
  )
}

/** A list input: items on lines or separated by commas, blanks dropped. */
export function listInput(name: string): string[] {
  return splitList(core.getInput(name))
}

/** A list input written one item a line, for items that may hold commas (globs). */
export function lineListInput(name: string): string[] {
  return core
    .getInput(name)
    .split('\n')
    .map((item) => item.trim())
    .filter((item) => item !== '' && !item.startsWith('#'))
}

/** Splits a list written one item a line or comma-separated. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '' && !item.startsWith('#'))
}

/** An integer input within [min, max]; empty gives the default. */
export function integerInput(
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = optionalInput(name)
  if (value === undefined) return fallback
  if (!/^-?\d+$/.test(value) || +value < min || +value > max) {
    throw new ConfigError(name, value, `a whole number from ${min} to ${max}`)
  }
  return Number(value)
}

/** One of a fixed set of words; empty gives the default. */
export function choiceInput<T extends string>(
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = optionalInput(name)
  if (value === undefined) return fallback
  const found = choices.find((c) => c === value)
  if (found === undefined) {
    throw new ConfigError(name, value, `one of ${choices.join(', ')}`)
  }
  return found
}

/**
 * A secret input: masked before anything else sees it, so that no log line,
 * output or error message can carry it.
 */
export function secretInput(name: string): string | undefined {
  const value = optionalInput(name)
  if (value !== undefined) core.setSecret(value)
  return value
}
