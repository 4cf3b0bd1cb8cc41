import { parseCommitMessage } from './parse.js'
import type { ConventionalCommit } from './types.js'

// The pull-request title check: the same grammar as the release stage, plus
// the rules a repository chooses (allowed types and scopes) and the checks a
// release-notes formatter needs, such as no empty scope segments.

/** A type or scope rule: a literal name or a pattern it must match. */
export type NameRule = RegExp | string

/** What a repository allows in its pull-request titles. */
export interface TitleRules {
  /** Allowed types; strings compare case-insensitively. Any when unset. */
  types?: NameRule[]
  /** Allowed scopes, each of a comma-separated list. Any when unset. */
  scopes?: NameRule[]
  /** Whether a title must name a scope. */
  requireScope?: boolean
  /** Whether a `WIP` title is pending rather than failed. */
  wip?: boolean
}

/** One thing wrong with a title. */
export interface TitleError {
  message: string
  hint?: string
}

/** The title check's answer. */
export type TitleCheck =
  | { ok: true; commit: ConventionalCommit; scopes: string[] }
  | { ok: false; errors: TitleError[]; pending?: boolean }

const WIP = /^\s*\[?wip\b/i

// The parser speaks of commits; a pull request's author knows a "subject".
const TITLE_WORDS: Record<string, string> = {
  'empty description': 'empty subject',
  'empty header': 'empty title',
  'empty message': 'empty title',
}

/** Checks a pull-request title against the grammar and the given rules. */
export function checkTitle(title: string, rules: TitleRules = {}): TitleCheck {
  if (/[\r\n]/.test(title.trim())) {
    return { ok: false, errors: [{ message: 'the title must be one line' }] }
  }
  if (WIP.test(title)) {
    if (rules.wip === true) {
      return {
        ok: false,
        pending: true,
        errors: [{ message: 'work in progress' }],
      }
    }
    const hint = 'remove `WIP` or mark the pull request as a draft'
    return {
      ok: false,
      errors: [{ message: 'the title starts with `WIP`', hint }],
    }
  }
  const parsed = parseCommitMessage(title.trim())
  if (!parsed.ok) {
    const message = TITLE_WORDS[parsed.reason] ?? parsed.reason
    const error: TitleError = { message }
    if (parsed.hint !== undefined) error.hint = parsed.hint
    return { ok: false, errors: [error] }
  }
  const { commit } = parsed
  const scopes = (commit.scope ?? '').split(',').map((s) => s.trim())
  const errors = [
    ...segmentErrors(commit, scopes),
    ...ruleErrors('type', [commit.type], rules.types, true),
  ]
  if (commit.scope === undefined) {
    if (rules.requireScope === true) errors.push({ message: 'missing scope' })
    return errors.length > 0
      ? { ok: false, errors }
      : { ok: true, commit, scopes: [] }
  }
  errors.push(...ruleErrors('scope', scopes, rules.scopes, false))
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, commit, scopes }
}

// `ui/`, `ui//tests` and `core,,ui` pass the spec (a scope is any text) but
// break whatever later splits the scope, so the title check refuses them.
function segmentErrors(
  commit: ConventionalCommit,
  scopes: string[],
): TitleError[] {
  if (commit.scope === undefined) return []
  const split = scopes.map((scope) => scope.split('/').map((s) => s.trim()))
  if (!split.some((segments) => segments.includes(''))) return []
  const fixed = split
    .map((segments) => segments.filter((s) => s !== '').join('/'))
    .filter((scope) => scope !== '')
    .join(', ')
  const hint = fixed === '' ? undefined : `use \`(${fixed})\``
  return [
    hint === undefined
      ? { message: 'empty scope segment' }
      : { message: 'empty scope segment', hint },
  ]
}

function ruleErrors(
  kind: 'type' | 'scope',
  names: string[],
  allowed: NameRule[] | undefined,
  ignoreCase: boolean,
): TitleError[] {
  if (allowed === undefined) return []
  const listed = allowed.map((rule) =>
    typeof rule === 'string' ? rule : `/${rule.source}/`,
  )
  const hint = `use one of: ${listed.join(', ')}`
  return names
    .filter(
      (name) =>
        name !== '' && !allowed.some((rule) => matches(rule, name, ignoreCase)),
    )
    .map((name) => ({ message: `${kind} \`${name}\` is not allowed`, hint }))
}

function matches(rule: NameRule, name: string, ignoreCase: boolean): boolean {
  // `search` ignores a global pattern's lastIndex, so a shared RegExp with
  // the `g` flag gives the same answer every time.
  if (typeof rule !== 'string') return name.search(rule) !== -1
  return ignoreCase ? rule.toLowerCase() === name.toLowerCase() : rule === name
}
