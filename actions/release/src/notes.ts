// Release notes in Markdown: the version heading, breaking changes first,
// then one list per configured section. The same text goes into the GitHub
// release and into CHANGELOG.md.

/** One commit as the notes show it. */
export interface NoteEntry {
  type: string
  scope?: string
  description: string
  sha: string
  /** What breaks, one note each; listed even when the type has no section. */
  breakingNotes: string[]
  pullRequest?: number
}

/** A heading for one commit type; the array's order is the display order. */
export interface NotesSection {
  type: string
  heading: string
}

/** Everything about the release the notes link to. */
export interface NotesContext {
  version: string
  tag: string
  previousTag?: string
  /** YYYY-MM-DD. */
  date: string
  /** `https://github.com`, or a GitHub Enterprise Server or stand-in URL. */
  serverUrl: string
  /** `owner/name`; without it nothing is linked. */
  repository?: string
  sections: NotesSection[]
}

const BREAKING_HEADING = '### ⚠ BREAKING CHANGES'
const SHORT_SHA = 7

/** The sections semantic-release's default preset shows, in its order. */
export function defaultSections(): NotesSection[] {
  return [
    { type: 'feat', heading: 'Features' },
    { type: 'fix', heading: 'Bug Fixes' },
    { type: 'perf', heading: 'Performance Improvements' },
    { type: 'revert', heading: 'Reverts' },
  ]
}

/** The notes for one release, LF line endings, no trailing newline. */
export function renderNotes(entries: NoteEntry[], ctx: NotesContext): string {
  const links = linkBase(ctx)
  const blocks = [versionHeading(ctx, links)]
  const breaking = entries.flatMap((entry) =>
    entry.breakingNotes
      .map((note) => note.replace(/\r\n?/g, '\n').trim())
      .filter((note) => note !== '')
      .map((note) => `* ${scopeLabel(entry.scope)}${indentNote(note)}`),
  )
  if (breaking.length > 0) {
    blocks.push(`${BREAKING_HEADING}\n\n${breaking.join('\n')}`)
  }
  for (const section of ctx.sections) {
    const items = entries.filter((entry) => entry.type === section.type)
    if (items.length === 0) continue
    const bullets = items.map((entry) => bullet(entry, links))
    blocks.push(`### ${section.heading}\n\n${bullets.join('\n')}`)
  }
  return blocks.join('\n\n')
}

/** `<server>/<owner>/<name>`, or undefined when nothing is to be linked. */
function linkBase(ctx: NotesContext): string | undefined {
  if (ctx.repository === undefined || ctx.repository === '') return undefined
  return `${ctx.serverUrl.replace(/\/+$/, '')}/${ctx.repository}`
}

function versionHeading(ctx: NotesContext, links: string | undefined): string {
  if (links === undefined || ctx.previousTag === undefined) {
    return `## ${ctx.version} (${ctx.date})`
  }
  const range = `${urlPart(ctx.previousTag)}...${urlPart(ctx.tag)}`
  return `## [${ctx.version}](${links}/compare/${range}) (${ctx.date})`
}

function bullet(entry: NoteEntry, links: string | undefined): string {
  let description = entry.description.trim()
  let pullRequest = entry.pullRequest
  // GitHub's squash merges end the subject with `(#42)`: link it, once.
  const trailing = /\s*\(#(\d+)\)$/.exec(description)
  if (trailing !== null) {
    const number = Number(trailing[1])
    if (pullRequest === undefined || pullRequest === number) {
      pullRequest = number
      description = description.slice(0, trailing.index)
    }
  }
  let line = `* ${scopeLabel(entry.scope)}${escapeInline(description, true)}`
  if (pullRequest !== undefined) {
    const label = `#${pullRequest}`
    line +=
      links === undefined
        ? ` (${label})`
        : ` ([${label}](${links}/issues/${pullRequest}))`
  }
  const short = entry.sha.slice(0, SHORT_SHA)
  if (short !== '') {
    line +=
      links === undefined
        ? ` (${short})`
        : ` ([${short}](${links}/commit/${urlPart(entry.sha)}))`
  }
  return line
}

function scopeLabel(scope: string | undefined): string {
  const text = scope?.trim()
  return text ? `**${escapeInline(text, false)}:** ` : ''
}

/**
 * A breaking note keeps its own Markdown (authors write lists and code in
 * footers), indented so every line stays inside its bullet; only raw HTML is
 * escaped, since GitHub drops unknown tags and the text with them.
 */
function indentNote(note: string): string {
  let fenced = false
  return note
    .split('\n')
    .map((raw, index) => {
      const line = raw.trimEnd()
      const fence = /^\s*(```|~~~)/.test(line)
      const text = fenced || fence ? line : escapeOutsideCode(line, /[<]/g)
      if (fence) fenced = !fenced
      if (index === 0) return escapeLineStart(text)
      return text === '' ? '' : `  ${text}`
    })
    .join('\n')
}

/**
 * Escapes what would break a one-line list item: emphasis, links, raw HTML,
 * and a start that Markdown reads as a heading, quote or nested list. Code
 * spans are left alone, since a backslash inside one is shown as is.
 */
function escapeInline(text: string, atLineStart: boolean): string {
  const escaped = escapeOutsideCode(text, /[\\*_<>[\]~]/g)
  return atLineStart ? escapeLineStart(escaped) : escaped
}

/** A line start Markdown would read as a heading, quote or nested list. */
function escapeLineStart(text: string): string {
  return text
    .replace(/^(#{1,6}|[-+*>])(?=\s|$)/, '\\$1')
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
}

/** Backslash-escapes `pattern` in the parts of `text` outside code spans. */
function escapeOutsideCode(text: string, pattern: RegExp): string {
  // Most descriptions hold no code span: one pass, no split.
  if (!text.includes('`')) return text.replace(pattern, (char) => `\\${char}`)
  const parts = text.split(/(`+[^`]*?`+)/)
  return parts
    .map((part, index) =>
      index % 2 === 1 ? part : part.replace(pattern, (char) => `\\${char}`),
    )
    .join('')
}

/** A tag or SHA in a URL path: `/` kept, Markdown's link delimiters encoded. */
function urlPart(text: string): string {
  if (/^[0-9a-f]+$/.test(text)) return text
  return encodeURIComponent(text)
    .replace(/%2F/g, '/')
    .replace(/[()]/g, (char) => `%${char.charCodeAt(0).toString(16)}`)
}
