import type {
  ConventionalCommit,
  Footer,
  ParseOptions,
  ParseResult,
  RevertTarget,
} from './types.js'

// Conventional Commits 1.0.0, read strictly: the release stage bumps versions
// from this answer, so anything the spec does not define is refused with a
// reason (and a hint for known mistakes) instead of being guessed at.

/** The header line split into its parts, or why it is not a header. */
export type HeaderResult =
  | {
      ok: true
      type: string
      scope?: string
      bang: boolean
      description: string
    }
  | { ok: false; reason: string; hint?: string }

const BANG_PLACE = '`!` must come right before the colon'
const EMOJI_HINT = 'remove the leading emoji or enable strip-leading-emoji'

// One emoji: a pictograph or flag half, with variation selectors and skin
// tones, joined by ZWJ into sequences such as 👩‍💻.
const EMOJI = String.raw`(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\uFE0F|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*)*`
const SHORTCODE = ':[a-z0-9_+-]+:'
const LEADING_EMOJI = new RegExp(`^(?:(?:${EMOJI}|${SHORTCODE})[ \\t]*)+`, 'u')

const TYPE = /^[A-Za-z][A-Za-z0-9-]*/
// git's and GitHub's own revert header; a squash merge appends ` (#n)`.
const GIT_REVERT = /^Revert "(.+)"(?: \(#\d+\))?$/
const MERGE =
  /^Merge (?:pull request #\d+ |branch |branches |remote-tracking branch |tag |commit |[0-9a-f]{7,40} into )/
const REVERTS_LINE = /^This reverts commit ([0-9a-f]{7,40})\b/i
const SHA = /\b[0-9a-f]{7,40}\b/i
// A footer start. Only the two breaking tokens may leave the value to the
// following lines, as Angular-style messages often do.
const FOOTER =
  /^(?:(BREAKING[ -]CHANGE):$|(BREAKING CHANGE|[\w-]+)(?:: | #)(.*))$/
// Anything that looks like a breaking token, so near misses get a warning.
const BREAKING_LIKE = /^(breaking[ -]changes?)\s*(?::|\s#)/i
const BREAKING_TOKENS = new Set(['BREAKING CHANGE', 'BREAKING-CHANGE'])

/** Drops a leading emoji or :shortcode: run; keeps text that is only emoji. */
export function stripLeadingEmoji(text: string): string {
  const rest = text.replace(LEADING_EMOJI, '')
  return rest === '' ? text : rest
}

/** Parses one header line (already trimmed at the end). */
export function parseHeader(
  line: string,
  options: ParseOptions = {},
): HeaderResult {
  if (line.trim() === '') return fail('empty header')
  if (MERGE.test(line)) return fail('merge commit')
  const inner = GIT_REVERT.exec(line)?.[1]
  if (inner !== undefined) {
    return { ok: true, type: 'revert', bang: false, description: inner }
  }
  if (LEADING_EMOJI.test(line)) {
    if (options.stripLeadingEmoji !== true) {
      return fail('leading emoji before the type', EMOJI_HINT)
    }
    return parseHeader(line.replace(LEADING_EMOJI, ''), options)
  }
  return parsePrefix(line, options)
}

function parsePrefix(line: string, options: ParseOptions): HeaderResult {
  if (/^\s/.test(line)) return fail('whitespace before the type')
  if (!line.includes(':')) return fail('missing `type:` prefix')
  const word = TYPE.exec(line)?.[0]
  if (word === undefined) {
    if (line.startsWith('!')) return fail(BANG_PLACE)
    return fail('no type before the colon')
  }
  let at = word.length
  if (line.startsWith('!(', at)) return misplacedBang(line, word, at + 1)
  let scope: string | undefined
  if (line[at] === '(') {
    const close = line.indexOf(')', at)
    if (close < 0) return fail('unclosed scope parenthesis')
    scope = line.slice(at + 1, close)
    if (scope.includes('(')) return fail('parentheses inside the scope')
    if (scope.trim() === '') {
      return fail('empty scope', 'name a scope or drop the parentheses')
    }
    at = close + 1
  }
  const bang = line[at] === '!'
  if (bang) at += 1
  const prefix = line.slice(0, at)
  if (line[at] !== ':') return badSeparator(line.slice(at))
  const rest = line.slice(at + 1)
  if (rest.trim() === '') return fail('empty description')
  if (rest.startsWith('!')) return fail(BANG_PLACE, `use \`${prefix}!:\``)
  if (!rest.startsWith(' ')) {
    return fail('missing space after colon', `use \`${prefix}: \``)
  }
  let description = rest.trim()
  if (options.stripLeadingEmoji === true) {
    description = stripLeadingEmoji(description)
  }
  const type = word.toLowerCase()
  return { ok: true, type, scope: scope?.trim(), bang, description }
}

function misplacedBang(line: string, word: string, open: number): HeaderResult {
  const close = line.indexOf(')', open)
  const scope = close < 0 ? 'scope' : line.slice(open + 1, close)
  return fail(BANG_PLACE, `use \`${word}(${scope})!:\``)
}

function fail(reason: string, hint?: string): HeaderResult {
  return hint === undefined
    ? { ok: false, reason }
    : { ok: false, reason, hint }
}

function badSeparator(after: string): HeaderResult {
  if (/^\s+:/.test(after)) return fail('space before the colon')
  if (/^\s+\(/.test(after)) return fail('space between type and scope')
  if (/^\s/.test(after)) return fail('the type must be one word')
  const next = /^./su.exec(after)?.[0]
  if (next === undefined) return fail('missing `:` after the scope')
  return fail(`unexpected \`${next}\` after the type`)
}

/** Parses a whole commit message; never throws, whatever the string. */
export function parseCommitMessage(
  message: string,
  options: ParseOptions = {},
): ParseResult {
  const lines = message.split(/\r\n|\r|\n/).map((line) => line.trimEnd())
  const first = lines.findIndex((line) => line !== '')
  const header = first < 0 ? '' : (lines[first] ?? '')
  const rest = first < 0 ? [] : lines.slice(first + 1)
  const warnings: string[] = []
  if (/BREAKING[ -]CHANGE/.test(header)) {
    warnings.push(
      'header contains `BREAKING CHANGE` text, which does not mark a breaking change; use `!` before the colon or a `BREAKING CHANGE:` footer',
    )
  }
  if (first < 0) return { ok: false, reason: 'empty message', warnings }
  const parsed = parseHeader(header, options)
  if (!parsed.ok) {
    if (parsed.reason === BANG_PLACE) {
      const fix = parsed.hint === undefined ? '' : `; ${parsed.hint}`
      warnings.push(
        `commit \`${header}\` is not conventional: ${BANG_PLACE}${fix}`,
      )
    }
    return { ...parsed, warnings }
  }
  const { body, footers, footerLines } = splitSections(rest)
  warnings.push(...breakingWarnings(rest, footerLines))
  const commit = buildCommit(header, parsed, body, footers)
  const revert = revertTarget(commit, rest)
  if (revert !== undefined) commit.revert = revert
  return { ok: true, commit, warnings }
}

function buildCommit(
  header: string,
  parsed: Extract<HeaderResult, { ok: true }>,
  body: string | undefined,
  footers: Footer[],
): ConventionalCommit {
  const breakingFooters = footers.filter((f) => BREAKING_TOKENS.has(f.token))
  const notes = breakingFooters.map((f) => f.value.trim() || parsed.description)
  const commit: ConventionalCommit = {
    type: parsed.type,
    breaking: parsed.bang || breakingFooters.length > 0,
    breakingNotes:
      notes.length > 0 || !parsed.bang ? notes : [parsed.description],
    description: parsed.description,
    header,
    footers,
  }
  if (parsed.scope !== undefined) commit.scope = parsed.scope
  if (body !== undefined) commit.body = body
  const releaseAs = footers.find((f) => f.token.toLowerCase() === 'release-as')
  if (releaseAs !== undefined) commit.releaseAs = releaseAs.value.trim()
  return commit
}

// The footer block is the run of trailing paragraphs that each begin with a
// footer start: GitHub may put its `Co-authored-by:` trailers in a paragraph
// of their own after the `BREAKING CHANGE:` one. Lines glued to the header
// (no blank line) are body, never footers.
function splitSections(rest: string[]): {
  body?: string
  footers: Footer[]
  footerLines: Set<number>
} {
  const paragraphs: { start: number; end: number }[] = []
  rest.forEach((line, index) => {
    const last = paragraphs.at(-1)
    if (line.trim() === '') return
    if (last !== undefined && last.end === index) last.end = index + 1
    else paragraphs.push({ start: index, end: index + 1 })
  })
  let firstFooter = paragraphs.length
  while (firstFooter > 0) {
    const candidate = paragraphs[firstFooter - 1]
    if (candidate === undefined || candidate.start === 0) break
    if (!FOOTER.test(rest[candidate.start] ?? '')) break
    firstFooter -= 1
  }
  const bodyParts = paragraphs.slice(0, firstFooter)
  const footers: Footer[] = []
  const footerLines = new Set<number>() // indices of accepted footer starts
  for (const { start, end } of paragraphs.slice(firstFooter)) {
    for (let index = start; index < end; index += 1) {
      const line = rest[index] ?? ''
      const match = FOOTER.exec(line)
      const previous = footers.at(-1)
      if (match !== null) {
        const token = match[1] ?? match[2] ?? ''
        footers.push({ token, value: match[3] ?? '' })
        footerLines.add(index)
      } else if (previous !== undefined) {
        previous.value =
          previous.value === '' ? line : `${previous.value}\n${line}`
      }
    }
  }
  const from = bodyParts[0]?.start
  const to = bodyParts.at(-1)?.end
  const body = from === undefined ? undefined : rest.slice(from, to).join('\n')
  return { body, footers, footerLines }
}

function breakingWarnings(rest: string[], footerLines: Set<number>): string[] {
  const warnings: string[] = []
  rest.forEach((line, index) => {
    const match = BREAKING_LIKE.exec(line)
    if (match === null || footerLines.has(index)) return
    const written = match[1] ?? ''
    if (BREAKING_TOKENS.has(written) && FOOTER.test(line)) {
      warnings.push(
        `\`${written}:\` is in the body, not the final footer paragraph, so it does not mark a breaking change`,
      )
    } else if (BREAKING_TOKENS.has(written)) {
      warnings.push(
        `\`${written}\` must be followed by \`: \` to be a breaking-change footer`,
      )
    } else {
      warnings.push(
        `footer \`${written}:\` is not a breaking-change token; did you mean \`BREAKING CHANGE:\`?`,
      )
    }
  })
  return warnings
}

function revertTarget(
  commit: ConventionalCommit,
  rest: string[],
): RevertTarget | undefined {
  if (commit.type !== 'revert') return undefined
  // `Revert "x"` describes itself as x; `revert: "x"` may quote it.
  const header = commit.description.replace(/^"(.*)"$/, '$1')
  const target: RevertTarget = { header }
  const stated = rest.map((line) => REVERTS_LINE.exec(line)?.[1]).find(Boolean)
  const refs = commit.footers.find((f) => f.token.toLowerCase() === 'refs')
  const sha =
    stated ?? (refs === undefined ? undefined : SHA.exec(refs.value)?.[0])
  if (sha !== undefined) target.sha = sha
  return target
}

/** The header commit plus one commit per conventional bullet of its body. */
export function expandSquashBody(
  commit: ConventionalCommit,
  options: ParseOptions = {},
): ConventionalCommit[] {
  const seen = new Set([withoutPullNumber(commit.header)])
  const commits = [commit]
  for (const line of (commit.body ?? '').split('\n')) {
    const bullet = /^\s*[*-]\s+(\S.*)$/.exec(line)?.[1]
    if (bullet === undefined) continue
    // A single line has no footers, so only its own `!` can make it breaking.
    const parsed = parseCommitMessage(bullet, options)
    if (!parsed.ok || seen.has(withoutPullNumber(bullet))) continue
    seen.add(withoutPullNumber(bullet))
    commits.push(parsed.commit)
  }
  return commits
}

function withoutPullNumber(header: string): string {
  return header.replace(/ \(#\d+\)$/, '')
}
