// Inputs written as `key=value` lines: build arguments and labels.
import { ConfigError } from '../../../lib/runner/index.js'

const BUILD_ARG = /^[A-Za-z_][A-Za-z0-9_]*$/
// Docker takes any key; reverse-DNS keys are the convention.
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/

/** `KEY=value` lines as a record; `input` names them in errors. */
export function keyValues(
  input: string,
  lines: readonly string[],
  key: RegExp,
  shape: string,
): Record<string, string> {
  const pairs: Record<string, string> = {}
  for (const line of lines) {
    const eq = line.indexOf('=')
    const name = eq < 0 ? line : line.slice(0, eq).trim()
    if (eq < 0 || !key.test(name)) throw new ConfigError(input, line, shape)
    pairs[name] = line.slice(eq + 1).trim()
  }
  return pairs
}

const BUILD_ARG_SHAPE =
  'build arguments as KEY=value, one a line, KEY made of letters, digits and _'

/** Build arguments given as `KEY=value` lines. */
export function buildArgLines(
  input: string,
  lines: readonly string[],
): Record<string, string> {
  return keyValues(input, lines, BUILD_ARG, BUILD_ARG_SHAPE)
}

/** Build arguments given as a map of names to their text, names checked. */
export function buildArgMap(
  input: string,
  pairs: Readonly<Record<string, string>>,
): Record<string, string> {
  for (const name of Object.keys(pairs)) {
    if (!BUILD_ARG.test(name)) {
      throw new ConfigError(input, name, BUILD_ARG_SHAPE)
    }
  }
  return { ...pairs }
}

/** Labels given as `key=value` lines. */
export function labelLines(
  input: string,
  lines: readonly string[],
): Record<string, string> {
  return keyValues(input, lines, LABEL_KEY, 'labels as key=value, one a line')
}
