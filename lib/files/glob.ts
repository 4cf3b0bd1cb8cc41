// A small glob for path inputs (release artifacts, manifest files), so the
// bundles need no glob dependency: `*`, `?`, `[abc]`, `[!a-z]`, `**` and
// `{a,b}`, `\` escaping the next character. Paths are POSIX. `*`, `?` and
// `**` skip names starting with a dot unless the pattern's segment itself
// starts with one, as shells do.
import { readdirSync, statSync, type Dirent } from 'node:fs'
import { join } from 'node:path'

/** One `/`-separated part of a compiled glob. */
export type Segment =
  | { kind: 'literal'; name: string }
  | { kind: 'globstar' }
  | { kind: 'pattern'; regex: RegExp; dot: boolean }

/**
 * Files matching `pattern`, sorted, as `/`-separated paths relative to `cwd`
 * (absolute when the pattern is absolute). Directories are never returned.
 */
export function expandGlob(pattern: string, cwd: string): string[] {
  const found = new Set<string>()
  for (const alternative of expandBraces(normalise(pattern)).map(normalise)) {
    const absolute = alternative.startsWith('/')
    const parts = alternative.split('/').filter((part) => part !== '')
    const segments = parts.map(compileSegment)
    const start = absolute ? '/' : cwd
    walk(start, absolute ? '/' : '', segments, 0, found)
  }
  return [...found].sort()
}

/** The directories before the first wildcard: `dist` for `dist/*.tgz`. */
export function globBase(pattern: string): string {
  const normal = normalise(pattern)
  const parts = normal.split('/')
  const staticParts: string[] = []
  for (const part of parts.slice(0, -1)) {
    if (isMagic(part, true)) break
    staticParts.push(unescape(part))
  }
  const base = staticParts.join('/')
  if (normal.startsWith('/')) return base === '' ? '/' : base
  return base === '' ? '.' : base
}

/** `./a//b/` → `a/b`. */
export function normalise(pattern: string): string {
  return pattern
    .trim()
    .replace(/\/{2,}/g, '/')
    .replace(/^(?:\.\/)+/, '')
    .replace(/(.)\/$/, '$1')
}

function walk(
  dir: string,
  prefix: string,
  segments: Segment[],
  index: number,
  found: Set<string>,
): void {
  const segment = segments[index]
  if (segment === undefined) return
  const last = index === segments.length - 1
  if (segment.kind === 'literal') {
    const path = join(dir, segment.name)
    const kind = kindOf(path)
    const shown = prefix + segment.name
    if (last && kind === 'file') found.add(shown)
    if (!last && kind === 'dir') {
      walk(path, `${shown}/`, segments, index + 1, found)
    }
    return
  }
  if (segment.kind === 'globstar') {
    // `**` matches no directory as well as any depth of them.
    if (last) {
      walkAll(dir, prefix, found)
      return
    }
    walk(dir, prefix, segments, index + 1, found)
    for (const entry of list(dir)) {
      if (entry.name.startsWith('.') || !entry.isDirectory()) continue
      // Symlinked directories are not followed here, so a loop cannot recur.
      walk(
        join(dir, entry.name),
        `${prefix}${entry.name}/`,
        segments,
        index,
        found,
      )
    }
    return
  }
  for (const entry of list(dir)) {
    if (entry.name.startsWith('.') && !segment.dot) continue
    if (!segment.regex.test(entry.name)) continue
    const path = join(dir, entry.name)
    const kind = kindOf(path)
    const shown = prefix + entry.name
    if (last && kind === 'file') found.add(shown)
    if (!last && kind === 'dir') {
      walk(path, `${shown}/`, segments, index + 1, found)
    }
  }
}

/** Every file below `dir` whose path has no dot-named part. */
function walkAll(dir: string, prefix: string, found: Set<string>): void {
  for (const entry of list(dir)) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) walkAll(path, `${prefix}${entry.name}/`, found)
    else if (kindOf(path) === 'file') found.add(prefix + entry.name)
  }
}

function list(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
  } catch {
    // A missing or unreadable directory simply matches nothing.
    return []
  }
}

/** What a path is once symlinks are followed; `none` when it is broken. */
function kindOf(path: string): 'file' | 'dir' | 'none' {
  try {
    const stats = statSync(path)
    if (stats.isFile()) return 'file'
    return stats.isDirectory() ? 'dir' : 'none'
  } catch {
    return 'none'
  }
}

/** `a{b,c{d,e}}f` → `abf`, `acdf`, `acef`; a brace without a comma is text. */
export function expandBraces(pattern: string): string[] {
  let depth = 0
  let open = -1
  let comma = false
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i]
    if (char === '\\') i += 1
    else if (char === '{') {
      if (depth === 0) {
        open = i
        comma = false
      }
      depth += 1
    } else if (char === '}' && depth > 0) {
      depth -= 1
      if (depth === 0 && comma) {
        const head = pattern.slice(0, open)
        const tail = pattern.slice(i + 1)
        return splitTopLevel(pattern.slice(open + 1, i)).flatMap((choice) =>
          expandBraces(head + choice + tail),
        )
      }
    } else if (char === ',' && depth === 1) comma = true
  }
  return [pattern]
}

/** Splits a brace body at its own commas, not those of nested braces. */
function splitTopLevel(body: string): string[] {
  const choices: string[] = []
  let depth = 0
  let from = 0
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]
    if (char === '\\') i += 1
    else if (char === '{') depth += 1
    else if (char === '}') depth -= 1
    else if (char === ',' && depth === 0) {
      choices.push(body.slice(from, i))
      from = i + 1
    }
  }
  choices.push(body.slice(from))
  return choices
}

function isMagic(part: string, braces: boolean): boolean {
  const special = braces ? /[*?[{]/ : /[*?[]/
  for (let i = 0; i < part.length; i += 1) {
    if (part[i] === '\\') i += 1
    else if (special.test(part[i])) return true
  }
  return false
}

function unescape(part: string): string {
  return part.replace(/\\(.)/g, '$1')
}

/** Compiles one part of a glob; throws on an invalid one (`[z-a]`). */
export function compileSegment(part: string): Segment {
  if (part === '**') return { kind: 'globstar' }
  if (!isMagic(part, false)) return { kind: 'literal', name: unescape(part) }
  let source = ''
  for (let i = 0; i < part.length; i += 1) {
    const char = part[i]
    if (char === '\\' && i + 1 < part.length) {
      i += 1
      source += escapeRegex(part[i])
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else if (char === '[') {
      const parsed = characterClass(part, i)
      source += parsed?.source ?? '\\['
      if (parsed) i = parsed.end
    } else source += escapeRegex(char)
  }
  let regex: RegExp
  try {
    regex = new RegExp(`^${source}$`, 'u')
  } catch {
    // e.g. a reversed range `[z-a]`.
    throw new Error(`invalid glob segment ${JSON.stringify(part)}`)
  }
  return { kind: 'pattern', regex, dot: part.startsWith('.') }
}

/** `[abc]`, `[a-z]`, `[!x]` or `[^x]` starting at `open`; undefined if unclosed. */
function characterClass(
  part: string,
  open: number,
): { source: string; end: number } | undefined {
  let i = open + 1
  let negate = false
  if (part[i] === '!' || part[i] === '^') {
    negate = true
    i += 1
  }
  let body = ''
  for (let first = true; i < part.length; i += 1, first = false) {
    const char = part[i]
    if (char === ']' && !first) {
      return { source: `[${negate ? '^' : ''}${body}]`, end: i }
    }
    if (char === '\\' && i + 1 < part.length) {
      i += 1
      body += part[i] === '-' ? '\\-' : escapeRegex(part[i])
    } else body += char === '-' ? '-' : escapeRegex(char)
  }
  return undefined
}

/** Escapes a character that is syntax in a `u`-flag regular expression. */
function escapeRegex(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char
}
