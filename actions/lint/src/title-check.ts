// The title check: the Conventional Commits grammar of lib/conventional, the
// one the release stage reads, so a title that passes here releases as
// expected once the pull request is squash-merged.
import { checkTitle } from '../../../lib/conventional/index.js'
import type { NameRule } from '../../../lib/conventional/index.js'
import type { Finding } from './findings.js'

/** How a `WIP` title is answered. */
export type WipPolicy = 'fail' | 'pending'

/** The title rules a repository chose. */
export interface TitleSettings {
  /** Allowed types; any when undefined. */
  readonly types?: readonly NameRule[]
  /** Allowed scopes; any when undefined. */
  readonly scopes?: readonly NameRule[]
  readonly requireScope: boolean
  readonly wip: WipPolicy
}

/** What the title says, and what is wrong with it. */
export interface TitleOutcome {
  findings: Finding[]
  /** Set when the title is a work in progress and `wip` is `pending`. */
  pending?: string
  type?: string
  scopes: string[]
  /** `!` before the colon. */
  breaking: boolean
}

/** Checks one title against the grammar and the rules. */
export function lintTitle(
  title: string,
  settings: TitleSettings,
): TitleOutcome {
  const result = checkTitle(title, {
    ...(settings.types && { types: [...settings.types] }),
    ...(settings.scopes && { scopes: [...settings.scopes] }),
    requireScope: settings.requireScope,
    wip: settings.wip === 'pending',
  })
  if (result.ok) {
    return {
      findings: [],
      type: result.commit.type,
      scopes: result.scopes,
      breaking: result.commit.breaking,
    }
  }
  if (result.pending === true) {
    return {
      findings: [],
      pending: 'work in progress: the title is checked once `WIP` is removed',
      scopes: [],
      breaking: false,
    }
  }
  const findings = result.errors.map((error): Finding => ({
    check: 'title',
    message: error.message,
    ...(error.hint !== undefined && { hint: error.hint }),
  }))
  return { findings, scopes: [], breaking: false }
}
