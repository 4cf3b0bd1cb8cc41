// The patterns of an AppProject: Argo CD matches source repositories,
// destination servers, names and namespaces with globs where `*` also
// crosses `/`, and a leading `!` denies what it matches.

/** Whether `value` matches one Argo CD glob (without its `!`). */
export function argoGlobMatch(pattern: string, value: string): boolean {
  return argoGlob(pattern).test(value)
}

/** An Argo CD glob as a RegExp: `*` any text, `?` one character, `[a-z]`, `{a,b}`. */
export function argoGlob(pattern: string): RegExp {
  let source = ''
  let braces = 0
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] ?? ''
    if (char === '\\' && i + 1 < pattern.length) {
      i += 1
      source += escape(pattern[i] ?? '')
    } else if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else if (char === '[') {
      const end = pattern.indexOf(']', i + 2)
      if (end < 0) source += '\\['
      else {
        const body = pattern
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')
        source += `[${body}]`
        i = end
      }
    } else if (char === '{') {
      braces += 1
      source += '(?:'
    } else if (char === '}' && braces > 0) {
      braces -= 1
      source += ')'
    } else if (char === ',' && braces > 0) source += '|'
    else source += escape(char)
  }
  try {
    return new RegExp(`^${source}${')'.repeat(braces)}$`, 's')
  } catch {
    // A pattern Argo CD could not compile either matches nothing.
    return /(?!)/
  }
}

function escape(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** A repository URL as Argo CD compares it: lower case, no `.git`, no `/` at the end. */
export function normaliseRepoUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
}

/**
 * Whether a list of patterns permits `value`: some pattern matches and no
 * `!` pattern does.
 */
export function permits(
  patterns: readonly string[],
  value: string,
  normalise: (s: string) => string = (s) => s,
): boolean {
  const v = normalise(value)
  const denied = patterns.some(
    (p) => p.startsWith('!') && argoGlobMatch(normalise(p.slice(1)), v),
  )
  return (
    !denied &&
    patterns.some((p) => !p.startsWith('!') && argoGlobMatch(normalise(p), v))
  )
}
