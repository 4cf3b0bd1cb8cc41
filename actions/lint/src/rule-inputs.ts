// The inputs that hold patterns: names or regular expressions for types
// and scopes, regular expressions for branches and forbidden code, globs
// for paths. Each is checked when read, so a typo is a ConfigError naming
// the input and the pattern rather than a crash halfway through the checks.
import type { NameRule } from '../../../lib/conventional/index.js'
import { globMatcher } from '../../../lib/files/glob-match.js'
import { ConfigError, errorMessage } from '../../../lib/runner/index.js'
import type { WrittenPattern } from './findings.js'

/** The types the Conventional Commits tooling lists (Angular's, as commitlint has them). */
export const DEFAULT_TYPES = [
  'feat',
  'fix',
  'docs',
  'style',
  'refactor',
  'perf',
  'test',
  'build',
  'ci',
  'chore',
  'revert',
]

/**
 * What the added-lines check looks for unless told otherwise: a call of the
 * global `console.log` (not `logger.console.log`), `debugger`, and focused
 * tests that would silently skip the rest of a suite.
 */
export const DEFAULT_FORBIDDEN = [
  String.raw`(?<![\w$.])console\.log\s*\(`,
  String.raw`(?<![\w$.])debugger\b`,
  String.raw`(?<![\w$.])(?:it|describe|test)\.only\s*\(`,
  String.raw`(?<![\w$.])(?:fit|fdescribe)\s*\(`,
]

/** The extensions of code files checked unless told otherwise. */
export const DEFAULT_CODE_EXTENSIONS = [
  'js',
  'jsx',
  'mjs',
  'cjs',
  'ts',
  'tsx',
  'mts',
  'cts',
  'vue',
  'svelte',
]

/** The paths left out unless told otherwise: tests and scripts. */
export const DEFAULT_EXCLUDE = [
  '*.test.*',
  '*.spec.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  'scripts/**',
]

/** The branches exempt from branch-pattern unless told otherwise: bots'. */
export const DEFAULT_BRANCH_EXEMPT = [
  'dependabot/**',
  'renovate/**',
  'release-please--**',
]

/**
 * Splits a list at newlines and at commas outside brackets and braces, so
 * `feat, fix` is two items and `v\d{1,3}` stays one.
 */
export function splitPatterns(value: string): string[] {
  const items: string[] = []
  let depth = 0
  let current = ''
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] ?? ''
    if (char === '\\') {
      current += value.slice(i, i + 2)
      i += 1
      continue
    }
    if ('([{'.includes(char)) depth += 1
    if (')]}'.includes(char)) depth = Math.max(0, depth - 1)
    if (char === '\n' || (char === ',' && depth === 0)) {
      items.push(current)
      current = ''
    } else current += char
  }
  items.push(current)
  return items
    .map((item) => item.trim())
    .filter((item) => item !== '' && !item.startsWith('#'))
}

/**
 * Type or scope rules: a plain name is compared as a name, anything else is
 * a regular expression the whole name must match.
 */
export function nameRules(
  input: string,
  items: readonly string[],
  ignoreCase: boolean,
): NameRule[] {
  return items.map((item) => {
    if (/^[\w-]+$/.test(item)) return item
    return compile(input, item, `^(?:${item})$`, ignoreCase ? 'i' : '')
  })
}

/** A regular expression input, as written; `/re/flags` takes flags. */
export function regexInput(input: string, text: string): RegExp {
  const literal = /^\/(.+)\/([dimsu]*)$/s.exec(text)
  if (literal !== null) {
    return compile(input, text, literal[1] ?? '', literal[2] ?? '')
  }
  return compile(input, text, text, '')
}

/** Forbidden patterns, each a regular expression input. */
export function forbiddenPatterns(
  input: string,
  items: readonly string[],
): WrittenPattern[] {
  return items.map((source) => ({ source, regex: regexInput(input, source) }))
}

/** Checks every glob of a list; `!glob` excludes. */
export function globsInput(input: string, items: readonly string[]): string[] {
  for (const item of items) {
    const body = item.startsWith('!') ? item.slice(1) : item
    try {
      if (body.trim() === '') throw new Error('nothing after `!`')
      globMatcher(body)
    } catch (error: unknown) {
      throw new ConfigError(
        input,
        item,
        `globs, one a line, \`!glob\` to exclude (${errorMessage(error)})`,
      )
    }
  }
  return [...items]
}

function compile(
  input: string,
  written: string,
  source: string,
  flags: string,
): RegExp {
  try {
    return new RegExp(source, flags)
  } catch (error: unknown) {
    throw new ConfigError(
      input,
      written,
      `a JavaScript regular expression (${errorMessage(error)})`,
    )
  }
}
