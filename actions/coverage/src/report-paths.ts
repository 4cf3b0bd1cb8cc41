// Report paths as repository-relative POSIX paths, whatever wrote them:
// absolute paths under the workspace, `./` and `..` parts, Windows
// backslashes, `file://` URLs, Cobertura's <sources>, and the `path-map`
// prefix rewrites for reports written in a container or a package folder.
import { existsSync } from 'node:fs'
import { ConfigError } from '../../../lib/runner/index.js'

/** One `from=to` rewrite of the path-map input: a prefix and its stand-in. */
export interface PathMapping {
  readonly from: string
  readonly to: string
}

const PATH_MAP_EXPECTED =
  'one `from=to` prefix rewrite a line, such as `/app/=` (a container path to the repository root) or `/build/src/=packages/api/src/`'

/** Parses the path-map lines; the first mapping whose prefix fits applies. */
export function parsePathMap(entries: readonly string[]): PathMapping[] {
  return entries.map((entry) => {
    const at = entry.indexOf('=')
    const from =
      at < 0 ? '' : slashes(entry.slice(0, at).trim()).replace(/^(\.\/)+/, '')
    if (from === '') throw new ConfigError('path-map', entry, PATH_MAP_EXPECTED)
    return { from, to: slashes(entry.slice(at + 1).trim()) }
  })
}

/** Turns the paths reports write into paths of the repository. */
export class PathResolver {
  /** Paths that stayed absolute: outside the workspace, no mapping fits. */
  readonly outside = new Set<string>()
  private readonly root: string
  private readonly found = new Map<string, boolean>()

  constructor(
    /** The workspace folder the paths are made relative to. */
    root: string,
    private readonly mappings: readonly PathMapping[] = [],
    private readonly exists: (path: string) => boolean = existsSync,
  ) {
    this.root = collapse(slashes(root)).replace(/\/$/, '')
  }

  /**
   * The repository path of `raw`. A relative `raw` is tried against each
   * base folder in turn (`''` is the workspace) and the first that names a
   * file on disk wins; when none does, the first base's.
   */
  resolve(raw: string, bases: readonly string[] = ['']): string {
    const path = fromFileUrl(slashes(raw.trim()))
    const candidates = isAbsolute(path)
      ? [path]
      : bases.map((base) => (base === '' ? path : `${slashes(base)}/${path}`))
    let first: string | undefined
    for (const candidate of candidates) {
      const placed = this.place(candidate)
      first ??= placed
      if (candidates.length > 1 && this.onDisk(placed)) return placed
    }
    const chosen = first ?? path
    if (isAbsolute(chosen)) this.outside.add(chosen)
    return chosen
  }

  private place(path: string): string {
    let result = collapse(path)
    const mapping = this.mappings.find((m) => result.startsWith(m.from))
    if (mapping) {
      result = collapse(mapping.to + result.slice(mapping.from.length))
    }
    return this.relative(result)
  }

  private relative(path: string): string {
    if (!isAbsolute(path)) return path
    const drive = /^[A-Za-z]:\//.test(path)
    const [p, r] = drive
      ? [path.toLowerCase(), this.root.toLowerCase()]
      : [path, this.root]
    if (p.startsWith(`${r}/`)) return path.slice(r.length + 1)
    return path
  }

  private onDisk(path: string): boolean {
    let known = this.found.get(path)
    if (known === undefined) {
      known = this.exists(isAbsolute(path) ? path : `${this.root}/${path}`)
      this.found.set(path, known)
    }
    return known
  }
}

/** Backslashes to slashes. */
export function slashes(path: string): string {
  return path.replace(/\\/g, '/')
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path)
}

function fromFileUrl(path: string): string {
  if (!path.startsWith('file://')) return path
  const rest = path.slice('file://'.length)
  // file:///C:/x keeps its drive letter; file:///home/x its leading slash.
  const local = /^\/[A-Za-z]:\//.test(rest) ? rest.slice(1) : rest
  try {
    return decodeURIComponent(local)
  } catch {
    return local
  }
}

/** Drops `.` and empty parts and resolves `..` where a parent is known. */
function collapse(path: string): string {
  const head = /^(?:[A-Za-z]:)?\//.exec(path)?.[0] ?? ''
  const parts: string[] = []
  for (const part of path.slice(head.length).split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop()
    else if (part !== '..' || head === '') parts.push(part)
  }
  return head + parts.join('/')
}
