// Matching paths against globs without touching the disk: the changed files
// of a pull request against label and exclusion rules. Same syntax as
// expandGlob; dot-named files match unless `dot: false`, since `.github/**`
// must label a change to `.github/workflows/ci.yml`.
import {
  compileSegment,
  expandBraces,
  normalise,
  type Segment,
} from './glob.js'

/** How globs match. */
export interface MatchOptions {
  /** `*`, `?` and `**` match names starting with a dot (default true). */
  dot?: boolean
}

/** A test for one glob; throws an Error naming an invalid glob. */
export function globMatcher(
  pattern: string,
  options: MatchOptions = {},
): (path: string) => boolean {
  const dot = options.dot ?? true
  const alternatives = expandBraces(normalise(pattern)).map((alternative) =>
    normalise(alternative)
      .split('/')
      .filter((part) => part !== '')
      .map(compileSegment),
  )
  return (path) => {
    const parts = normalise(path).split('/')
    return alternatives.some((segments) =>
      matchFrom(segments, 0, parts, 0, dot),
    )
  }
}

/**
 * Whether `path` matches a list of globs where `!glob` excludes: some
 * positive glob matches and no negative one does. A list of negative
 * globs alone matches nothing.
 */
export function matchesGlobs(
  path: string,
  globs: readonly string[],
  options: MatchOptions = {},
): boolean {
  return globListMatcher(globs, options)(path)
}

/** `matchesGlobs` compiled once, for many paths. */
export function globListMatcher(
  globs: readonly string[],
  options: MatchOptions = {},
): (path: string) => boolean {
  const positive = globs
    .filter((g) => !g.startsWith('!'))
    .map((g) => globMatcher(g, options))
  const negative = globs
    .filter((g) => g.startsWith('!'))
    .map((g) => globMatcher(g.slice(1), options))
  return (path) =>
    positive.some((m) => m(path)) && !negative.some((m) => m(path))
}

function matchFrom(
  segments: readonly Segment[],
  si: number,
  parts: readonly string[],
  pi: number,
  dot: boolean,
): boolean {
  const segment = segments[si]
  if (segment === undefined) return pi === parts.length
  if (segment.kind === 'globstar') {
    // Zero or more whole parts, none dot-named unless `dot`.
    for (let next = pi; next <= parts.length; next += 1) {
      if (matchFrom(segments, si + 1, parts, next, dot)) return true
      const part = parts[next]
      if (part === undefined || (!dot && part.startsWith('.'))) return false
    }
    return false
  }
  const part = parts[pi]
  if (part === undefined) return false
  if (segment.kind === 'literal') {
    return (
      part === segment.name && matchFrom(segments, si + 1, parts, pi + 1, dot)
    )
  }
  if (part.startsWith('.') && !dot && !segment.dot) return false
  return (
    segment.regex.test(part) && matchFrom(segments, si + 1, parts, pi + 1, dot)
  )
}
