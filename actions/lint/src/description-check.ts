// The description check: the body must say something beyond the unchanged
// template, and a pull request labelled as breaking must explain the break
// the way the release stage reads it (a `BREAKING CHANGE:` paragraph) or
// mark its title with `!`.
import { parseCommitMessage } from '../../../lib/conventional/index.js'
import type { Finding } from './findings.js'

/** The description rules a repository chose. */
export interface DescriptionSettings {
  /** Lines of text required beyond the template; 0 accepts an empty body. */
  readonly minLines: number
  /** Whether `Fixes #12` alone is description enough. */
  readonly allowIssueRefOnly: boolean
  /** Labels that mark a breaking change; compared without case. */
  readonly breakingLabels: readonly string[]
}

/** What the description holds once the template is set aside. */
export interface DescriptionText {
  /** Lines of the author's own text. */
  text: string[]
  /** Lines that only reference issues (`Fixes #12`). */
  references: string[]
}

const HEADING = /^\s{0,3}#{1,6}(?:\s|$)/
const CHECKBOX = /^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]/
const TAGS_ONLY = /^\s*(?:<\/?[a-z][^>]*>\s*)+$/i
const BULLET = /^\s*(?:[-*+]|\d+[.)])\s+/
const REFERENCE =
  /(?:[\w.-]+\/[\w.-]+)?#\d+|https?:\/\/\S+\/(?:issues|pull)\/\d+\S*/gi
const CLOSING =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?|refs?|related(?:\s+to)?|see|part\s+of|for|issues?)\b/gi

/** The lines that count: no HTML comments, headings, checkboxes or rules. */
export function descriptionText(body: string | null): DescriptionText {
  const text: string[] = []
  const references: string[] = []
  for (const raw of withoutComments(body ?? '').split('\n')) {
    const line = raw.trim()
    // A line of no letters or digits (`---`, `***`, a table rule) says nothing.
    if (!/[\p{L}\p{N}]/u.test(line)) continue
    if (HEADING.test(line) || CHECKBOX.test(line) || TAGS_ONLY.test(line)) {
      continue
    }
    if (isReference(line)) references.push(line)
    else text.push(line)
  }
  return { text, references }
}

/** Checks the description, and the explanation a breaking label calls for. */
export function lintDescription(
  pull: { readonly body: string | null; readonly labels: readonly string[] },
  titleBreaking: boolean,
  settings: DescriptionSettings,
): Finding[] {
  const findings: Finding[] = []
  const empty = emptiness(descriptionText(pull.body), settings)
  if (empty !== undefined) findings.push(empty)
  const label = breakingLabel(pull.labels, settings.breakingLabels)
  if (label !== undefined && !titleBreaking && !explainsBreak(pull.body)) {
    findings.push({
      check: 'description',
      message: `labelled \`${label}\`, but the description has no \`BREAKING CHANGE:\` paragraph`,
      hint: 'end the description with a paragraph `BREAKING CHANGE: what breaks, and how to migrate`, or mark the title with `!` (`feat(api)!: …`)',
    })
  }
  return findings
}

/** Whether some paragraph of the body is a breaking-change footer. */
export function explainsBreak(body: string | null): boolean {
  const text = withoutComments(body ?? '')
  // The release stage's grammar decides what a footer is; a placeholder
  // header lets it read the body alone, each paragraph as a last one.
  const breaking = (part: string): boolean => {
    const parsed = parseCommitMessage(`chore: description\n\n${part}`)
    return parsed.ok && parsed.commit.breaking
  }
  return breaking(text) || text.split(/\n\s*\n/).some(breaking)
}

function emptiness(
  found: DescriptionText,
  settings: DescriptionSettings,
): Finding | undefined {
  const lines = found.text.length
  if (lines >= settings.minLines) return undefined
  if (lines === 0 && found.references.length > 0) {
    if (settings.allowIssueRefOnly) return undefined
    return {
      check: 'description',
      message: 'the description only references an issue',
      hint: 'say what changes and why (or set allow-issue-ref-only: true)',
    }
  }
  if (lines === 0) {
    return {
      check: 'description',
      message: 'the description is empty',
      hint: "say what changes and why; the template's headings, comments and checkboxes do not count",
    }
  }
  return {
    check: 'description',
    message: `the description has ${lines} line${lines === 1 ? '' : 's'} of text; at least ${settings.minLines} expected`,
    hint: 'say what changes, why, and how it was tested',
  }
}

function withoutComments(text: string): string {
  // An unclosed comment hides the rest, as it does on GitHub.
  return text.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?(?:-->|$)/g, '')
}

function isReference(line: string): boolean {
  const bare = line.replace(BULLET, '')
  if (bare.search(REFERENCE) === -1) return false
  const rest = bare.replace(REFERENCE, '').replace(CLOSING, '')
  return !/[\p{L}\p{N}]/u.test(rest)
}

function breakingLabel(
  labels: readonly string[],
  breaking: readonly string[],
): string | undefined {
  const wanted = new Set(breaking.map((l) => l.toLowerCase()))
  return labels.find((label) => wanted.has(label.toLowerCase()))
}
