// Which files a repository's .gitattributes marks as generated: the
// `linguist-generated` attribute GitHub itself uses to fold diffs, or
// `-diff` (and `binary`, which implies it), whose changes nobody reads.
// https://git-scm.com/docs/gitattributes
// https://docs.github.com/repositories/working-with-files/managing-files/customizing-how-changed-files-appear-on-github
import { globMatcher } from '../../../lib/files/index.js'

/** A file's state for one attribute: set, unset, or left unspecified. */
type AttributeState = boolean | undefined

interface AttributeLine {
  matches: (path: string) => boolean
  generated?: AttributeState
  diff?: AttributeState
}

/** A parsed .gitattributes: which files it keeps out of the size. */
export interface GeneratedFiles {
  /** Whether the file is generated or has no diff worth reading. */
  isGenerated(path: string): boolean
  /** Lines that were skipped (macros, quoted or invalid patterns). */
  skipped: readonly string[]
}

/** Reads the generated files of a root .gitattributes. */
export function generatedFiles(text: string): GeneratedFiles {
  const lines: AttributeLine[] = []
  const skipped: string[] = []
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const parsed = parseLine(line)
    if (parsed === undefined) skipped.push(line)
    else if (parsed !== 'irrelevant') lines.push(parsed)
  }
  return {
    skipped,
    isGenerated(path) {
      // As in git, the last line that says something about an attribute
      // decides it.
      let generated: AttributeState
      let diff: AttributeState
      for (const line of lines) {
        if (!line.matches(path)) continue
        if ('generated' in line) generated = line.generated
        if ('diff' in line) diff = line.diff
      }
      return generated === true || diff === false
    },
  }
}

function parseLine(line: string): AttributeLine | 'irrelevant' | undefined {
  // Macro definitions, quoted patterns and negative patterns (which git
  // refuses in attributes files) are left out rather than guessed at.
  if (line.startsWith('[attr]') || line.startsWith('"')) return undefined
  const [pattern = '', ...attributes] = line.split(/\s+/)
  if (pattern.startsWith('!')) return undefined
  const found: Omit<AttributeLine, 'matches'> = {}
  for (const attribute of attributes) {
    const [name, state] = attributeState(attribute)
    if (name === 'linguist-generated') found.generated = state
    if (name === 'diff') found.diff = state
    if (name === 'binary' && state === true) found.diff = false
  }
  if (!('generated' in found) && !('diff' in found)) return 'irrelevant'
  // A pattern ending in `/` names a folder, and attributes of folders do
  // not reach the files in them.
  if (pattern.endsWith('/')) return 'irrelevant'
  try {
    return { matches: globMatcher(toGlob(pattern)), ...found }
  } catch {
    return undefined
  }
}

/** `name`, `-name`, `!name`, `name=value` → the name and its state. */
function attributeState(attribute: string): [string, AttributeState] {
  if (attribute.startsWith('-')) return [attribute.slice(1), false]
  if (attribute.startsWith('!')) return [attribute.slice(1), undefined]
  const eq = attribute.indexOf('=')
  if (eq < 0) return [attribute, true]
  const name = attribute.slice(0, eq)
  const value = attribute.slice(eq + 1)
  // `diff=<driver>` sets diff; only linguist's words true/false are read.
  if (name === 'linguist-generated') return [name, value !== 'false']
  return [name, true]
}

/**
 * A gitattributes pattern as a glob from the repository's root: one
 * without a slash matches a file's name at any depth, one with a slash is
 * anchored at the root.
 */
function toGlob(pattern: string): string {
  if (pattern.startsWith('/')) return pattern.slice(1)
  return pattern.includes('/') ? pattern : `**/${pattern}`
}
