// Comments set aside before the forbidden patterns are looked for, so a
// commented-out `// console.log(old)` is not a finding. The scan knows the
// comment and string syntax of three families of languages; it follows
// block comments and template strings from line to line within a hunk.
// Strings are kept: a custom pattern may well be about what they say.

/** How a language writes comments. */
export type CommentSyntax = 'c' | 'hash' | 'markup'

const HASH = new Set(
  'py rb sh bash zsh pl pm r yml yaml toml ps1 ex exs nix cmake'.split(' '),
)
const MARKUP = new Set('vue svelte astro html htm'.split(' '))

/** The comment syntax of a file, by its extension; C-like by default. */
export function commentSyntax(path: string): CommentSyntax {
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? ''
  if (HASH.has(ext)) return 'hash'
  return MARKUP.has(ext) ? 'markup' : 'c'
}

type ScanState =
  | { kind: 'code' }
  | { kind: 'block'; close: string }
  | { kind: 'string'; quote: string }

const CODE: ScanState = { kind: 'code' }

/** Each line with its comments removed, the state carried line to line. */
export function withoutComments(
  lines: readonly string[],
  syntax: CommentSyntax,
): string[] {
  let state = CODE
  return lines.map((line) => {
    const [code, next] = scanLine(line, state, syntax)
    state = next
    return code
  })
}

function scanLine(
  line: string,
  start: ScanState,
  syntax: CommentSyntax,
): [string, ScanState] {
  let state = start
  let code = ''
  let i = 0
  while (i < line.length) {
    const char = line[i] ?? ''
    if (state.kind === 'block') {
      const end = line.indexOf(state.close, i)
      if (end < 0) return [code, state]
      i = end + state.close.length
      code += ' '
      state = CODE
    } else if (state.kind === 'string') {
      const step = char === '\\' ? 2 : 1
      code += line.slice(i, i + step)
      if (char === state.quote) state = CODE
      i += step
    } else if (lineComment(line, i, syntax)) {
      return [code, CODE]
    } else {
      const close = blockOpening(line, i, syntax)
      if (close !== undefined) {
        state = { kind: 'block', close }
        i += close === '-->' ? 4 : 2
        continue
      }
      if (char === '"' || char === "'" || (char === '`' && syntax !== 'hash')) {
        state = { kind: 'string', quote: char }
      }
      code += char
      i += 1
    }
  }
  // Only template strings run on to the next line.
  if (state.kind === 'string' && state.quote !== '`') state = CODE
  return [code, state]
}

function lineComment(line: string, i: number, syntax: CommentSyntax): boolean {
  if (syntax === 'hash') return line[i] === '#'
  return line.startsWith('//', i)
}

/** The text closing a block comment opened at `i`, if one opens there. */
function blockOpening(
  line: string,
  i: number,
  syntax: CommentSyntax,
): string | undefined {
  if (syntax === 'hash') return undefined
  if (line.startsWith('/*', i)) return '*/'
  if (syntax === 'markup' && line.startsWith('<!--', i)) return '-->'
  return undefined
}
