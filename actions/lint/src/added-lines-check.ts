// The added-lines check: forbidden patterns (a `console.log` call, a
// `debugger`, a focused test…) in the lines a pull request adds to code
// files, comments and excluded paths aside. Only added lines count: a
// pull request is not blamed for what it leaves alone or removes.
import { globListMatcher } from '../../../lib/files/glob-match.js'
import { commentSyntax, withoutComments } from './comments.js'
import type { Finding, WrittenPattern } from './findings.js'
import { newSideLines } from './patch-lines.js'
import type { ChangedFile } from './pull-request.js'

/** The added-line rules a repository chose. */
export interface AddedLineSettings {
  readonly forbidden: readonly WrittenPattern[]
  /** Extensions of code files, lower case, without the dot. */
  readonly extensions: readonly string[]
  /**
   * Globs of paths not checked; `!glob` takes a path back. A glob without
   * a slash matches a file's name in any folder (`*.test.ts`).
   */
  readonly exclude: readonly string[]
}

/** What the check found, and which files it could not read. */
export interface AddedLineOutcome {
  findings: Finding[]
  /** Code files whose added lines were read. */
  checked: number
  /** Code files with added lines but no patch (too large or binary). */
  unchecked: string[]
}

/** Looks for the forbidden patterns in the added lines of code files. */
export function lintAddedLines(
  files: readonly ChangedFile[],
  settings: AddedLineSettings,
): AddedLineOutcome {
  const excluded = globListMatcher(settings.exclude.map(anyFolder))
  const outcome: AddedLineOutcome = { findings: [], checked: 0, unchecked: [] }
  for (const file of files) {
    if (file.status === 'removed') continue
    if (!isCodeFile(file.path, settings.extensions) || excluded(file.path)) {
      continue
    }
    if (file.patch === undefined) {
      // A rename or a mode change adds nothing; anything else went unread.
      if (file.additions !== 0) outcome.unchecked.push(file.path)
      continue
    }
    outcome.checked += 1
    outcome.findings.push(...fileFindings(file.path, file.patch, settings))
  }
  return outcome
}

/** Whether the path ends in one of the extensions. */
export function isCodeFile(
  path: string,
  extensions: readonly string[],
): boolean {
  const lower = path.toLowerCase()
  return extensions.some((ext) => lower.endsWith(`.${ext}`))
}

/**
 * A glob read as in .gitignore: without a slash it matches a name in any
 * folder (`*.test.ts` → `**\/*.test.ts`); ending in one, everything below
 * (`fixtures/` → `**\/fixtures/**`).
 */
export function anyFolder(glob: string): string {
  const negated = glob.startsWith('!')
  let body = negated ? glob.slice(1) : glob
  const folder = body.endsWith('/')
  body = body.replace(/\/+$/, '')
  if (!body.includes('/')) body = `**/${body}`
  if (folder) body = `${body}/**`
  return negated ? `!${body}` : body
}

function fileFindings(
  path: string,
  patch: string,
  settings: AddedLineSettings,
): Finding[] {
  const lines = newSideLines(patch)
  const syntax = commentSyntax(path)
  const code: string[] = []
  // Comment state starts afresh in each hunk: what lies between is unseen.
  for (let start = 0; start < lines.length;) {
    const hunk = lines[start]?.hunk
    let end = start
    while (end < lines.length && lines[end]?.hunk === hunk) end += 1
    const texts = lines.slice(start, end).map((l) => l.text)
    code.push(...withoutComments(texts, syntax))
    start = end
  }
  const findings: Finding[] = []
  lines.forEach((line, index) => {
    if (!line.added) return
    for (const pattern of settings.forbidden) {
      const match = pattern.regex.exec(code[index] ?? '')
      if (match === null) continue
      const shown = match[0].trim() || pattern.source
      findings.push({
        check: 'added-lines',
        message: `\`${shown}\` in an added line`,
        // The pattern is not put in backticks: a code span in the summary
        // table would show a regular expression's backslashes doubled.
        hint: `remove it before merging (forbidden pattern ${pattern.source})`,
        file: path,
        line: line.line,
      })
    }
  })
  return findings
}
