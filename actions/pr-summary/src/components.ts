// Component labels from a YAML map of label → globs, with optional branch
// patterns on the pull request's head ref. A label applies when some
// changed file matches one of its positive globs and none of its negated
// ones (C52), or when the head ref matches its branch patterns; a list of
// negated globs alone matches nothing.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml'
import type { Node } from 'yaml'
import { globListMatcher, globMatcher } from '../../../lib/files/index.js'
import { ConfigError } from '../../../lib/runner/index.js'

/** One component label and when it applies. */
export interface ComponentRule {
  readonly label: string
  /** Globs on changed files; `!glob` excludes. */
  readonly files: readonly string[]
  /** Globs on the head branch; `!glob` excludes. */
  readonly branches: readonly string[]
  /** Six hex digits, for a label this stage creates. */
  readonly color?: string
  readonly description?: string
}

const INPUT = 'components'
const SHAPE =
  "a YAML map of label → globs (`docs: ['docs/**', '!docs/rfc/**']`), or label → {files, branches, color, description}"
const KEYS = ['files', 'branches', 'color', 'description']

/** Reads the `components` input; empty gives no component labels. */
export function parseComponents(text: string | undefined): ComponentRule[] {
  if (text === undefined || text.trim() === '') return []
  const doc = parseDocument(text)
  const problem = doc.errors[0]
  if (problem !== undefined) {
    throw new ConfigError(
      INPUT,
      text,
      `${SHAPE}; YAML error: ${problem.message}`,
    )
  }
  const root = doc.contents
  if (root === null) return []
  if (!isMap(root)) throw new ConfigError(INPUT, text, SHAPE)
  return root.items.map((pair) => {
    const label = isScalar(pair.key) ? String(pair.key.value) : ''
    return ruleOf(label.trim(), pair.value)
  })
}

function ruleOf(label: string, value: Node | null): ComponentRule {
  if (label === '' || label.length > 50) {
    throw new ConfigError(INPUT, label, 'label names of 1 to 50 characters')
  }
  if (!isMap(value)) {
    const files = globList(label, 'files', value)
    if (files.length === 0) throw noCondition(label)
    return { label, files, branches: [] }
  }
  const fields = new Map<string, Node | null>()
  for (const pair of value.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (!KEYS.includes(key)) {
      throw new ConfigError(
        INPUT,
        `${label}.${key}`,
        `one of the keys ${KEYS.join(', ')} under a label`,
      )
    }
    fields.set(key, pair.value as Node | null)
  }
  const files = globList(label, 'files', fields.get('files') ?? null)
  const branches = globList(label, 'branches', fields.get('branches') ?? null)
  if (files.length === 0 && branches.length === 0) throw noCondition(label)
  const color = text(label, 'color', fields.get('color'))
  const description = text(label, 'description', fields.get('description'))
  if (color !== undefined && !/^#?[0-9a-fA-F]{6}$/.test(color)) {
    throw new ConfigError(
      INPUT,
      `${label}.color: ${color}`,
      'six hex digits, such as 0e8a16',
    )
  }
  return {
    label,
    files,
    branches,
    ...(color === undefined
      ? {}
      : { color: color.replace('#', '').toLowerCase() }),
    ...(description === undefined ? {} : { description }),
  }
}

/** A glob or a list of globs, each checked to compile. */
function globList(label: string, key: string, node: Node | null): string[] {
  if (isEmpty(node)) return []
  const items = isSeq(node) ? node.items : [node]
  return items.map((item) => {
    const glob = isScalar(item) ? item.value : undefined
    if (typeof glob !== 'string' || glob.trim() === '') {
      throw new ConfigError(
        INPUT,
        `${label}.${key}`,
        `${SHAPE}; each glob a string`,
      )
    }
    try {
      globMatcher(glob.replace(/^!/, ''))
    } catch (error: unknown) {
      const why = error instanceof Error ? error.message : String(error)
      throw new ConfigError(INPUT, glob, `a valid glob for ${label} (${why})`)
    }
    return glob.trim()
  })
}

function text(
  label: string,
  key: string,
  node: Node | null | undefined,
): string | undefined {
  if (node === undefined || isEmpty(node)) return undefined
  const value = isScalar(node) ? node.value : undefined
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw new ConfigError(INPUT, `${label}.${key}`, `a string for ${key}`)
  }
  return String(value)
}

/** No node, or an empty scalar (`docs:` with nothing after it). */
function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null)
}

function noCondition(label: string): ConfigError {
  return new ConfigError(
    INPUT,
    label,
    `at least one glob in files or branches for ${label}`,
  )
}

/**
 * The labels whose rules apply to these changed paths and head branch,
 * in the order the rules are written.
 */
export function componentLabels(
  rules: readonly ComponentRule[],
  paths: readonly string[],
  headRef: string,
): string[] {
  return rules
    .filter((rule) => {
      const files = globListMatcher(rule.files)
      const branch = globListMatcher(rule.branches)
      return paths.some((path) => files(path)) || branch(headRef)
    })
    .map((rule) => rule.label)
}
