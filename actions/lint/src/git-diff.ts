// Reading `git diff` output into changed files, the shape the pull-request
// files API gives: a path, a status, and the hunks as `patch`, absent for a
// binary file.
import type { ChangedFile } from './pull-request.js'

/** The files of a `git diff` run with `a/` and `b/` prefixes. */
export function parseGitDiff(diff: string): ChangedFile[] {
  const files: ChangedFile[] = []
  const sections = diff.split(/^(?=diff --git )/m)
  for (const section of sections) {
    if (!section.startsWith('diff --git ')) continue
    const file = parseSection(section)
    if (file !== undefined) files.push(file)
  }
  return files
}

function parseSection(section: string): ChangedFile | undefined {
  const lines = section.split('\n')
  const hunkAt = lines.findIndex((line) => line.startsWith('@@ '))
  const header = hunkAt < 0 ? lines : lines.slice(0, hunkAt)
  // git ends the name with a tab when it holds a space, for patch(1).
  const newPath = header
    .find((l) => l.startsWith('+++ '))
    ?.slice(4)
    .replace(/\t$/, '')
  const removed = newPath === '/dev/null' || header.some(isDeletedMode)
  const renamedTo = header.find((l) => l.startsWith('rename to '))?.slice(10)
  const path =
    newPath !== undefined && newPath !== '/dev/null'
      ? stripPrefix(unquote(newPath), 'b/')
      : renamedTo !== undefined
        ? unquote(renamedTo)
        : headerPath(lines[0] ?? '')
  if (path === undefined) return undefined
  const status = removed
    ? 'removed'
    : header.some((l) => l.startsWith('new file mode'))
      ? 'added'
      : header.some((l) => l.startsWith('rename from'))
        ? 'renamed'
        : 'modified'
  if (hunkAt < 0) {
    // Binary, or a rename or mode change without content changes.
    const binary = header.some((l) => /^Binary files .* differ$/.test(l))
    return binary ? { path, status } : { path, status, additions: 0 }
  }
  const hunks = lines.slice(hunkAt)
  while (hunks.at(-1) === '') hunks.pop()
  const additions = hunks.filter((l) => l.startsWith('+')).length
  return { path, status, additions, patch: hunks.join('\n') }
}

function isDeletedMode(line: string): boolean {
  return line.startsWith('deleted file mode')
}

/** The path of `diff --git a/p b/p` when both sides name the same file. */
function headerPath(line: string): string | undefined {
  const rest = line.slice('diff --git '.length)
  if (rest.startsWith('"')) {
    const end = rest.indexOf('" ')
    const quoted = rest.slice(end + 2)
    return quoted.startsWith('"')
      ? stripPrefix(unquote(quoted), 'b/')
      : undefined
  }
  // `a/P b/P`: the two halves are the same length.
  const half = (rest.length - 1) / 2
  if (!Number.isInteger(half)) return undefined
  return stripPrefix(rest.slice(half + 1), 'b/')
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path
}

// git quotes a path holding a quote, a backslash or a control character
// (core.quotepath=off spares other bytes) in C style.
const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  '"': '"',
  '\\': '\\',
}

function unquote(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path
  const bytes: number[] = []
  const body = path.slice(1, -1)
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i] ?? ''
    if (char !== '\\') {
      bytes.push(...Buffer.from(char))
      continue
    }
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1))?.[0]
    if (octal !== undefined) {
      bytes.push(parseInt(octal, 8))
      i += 3
    } else {
      const next = body[i + 1] ?? ''
      bytes.push(...Buffer.from(ESCAPES[next] ?? next))
      i += 1
    }
  }
  return Buffer.from(bytes).toString('utf8')
}
