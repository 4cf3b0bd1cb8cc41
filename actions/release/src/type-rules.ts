import type { Bump } from '../../../lib/version/index.js'
import { ConfigError } from '../../../lib/runner/index.js'
import type { NotesSection } from './notes.js'

/** What one commit type does: the bump it calls for, the heading it gets. */
export interface TypeRule {
  type: string
  /** undefined: the type does not release on its own. */
  bump?: Bump
  /** undefined: the type is not listed in the notes. */
  heading?: string
}

/** The types that release, in the order their sections appear. */
export interface TypeRules {
  byType: ReadonlyMap<string, TypeRule>
  sections: NotesSection[]
}

/** The rules used when the `types` input is empty. */
export const DEFAULT_TYPES = [
  'feat=minor:Features',
  'fix=patch:Bug Fixes',
  'perf=patch:Performance Improvements',
  'revert=patch:Reverts',
]

const RULE =
  /^([a-z][a-z0-9-]*)\s*=\s*(major|minor|patch|none)\s*(?::\s*(.*))?$/i

/**
 * Parses `type=bump:Heading` lines (`docs=none:Documentation` lists docs
 * without releasing them; a rule without a heading releases unlisted).
 */
export function parseTypeRules(lines: readonly string[]): TypeRules {
  const byType = new Map<string, TypeRule>()
  const sections: NotesSection[] = []
  for (const line of lines.length > 0 ? lines : DEFAULT_TYPES) {
    const match = RULE.exec(line.trim())
    if (match === null) {
      throw new ConfigError(
        'types',
        line,
        'lines of `type=major|minor|patch|none:Heading`, like `feat=minor:Features`',
      )
    }
    const type = (match[1] ?? '').toLowerCase()
    const bumpWord = (match[2] ?? '').toLowerCase()
    const heading = match[3]?.trim() || undefined
    const rule: TypeRule = { type }
    if (bumpWord !== 'none') rule.bump = bumpWord as Bump
    if (heading !== undefined) {
      rule.heading = heading
      sections.push({ type, heading })
    }
    byType.set(type, rule)
  }
  return { byType, sections }
}
