// package-lock.json v2 and v3, as npm 7 and later write them: the
// `packages` map keyed by install location ('' the project itself,
// `node_modules/a/node_modules/b` a nested copy). Version 1 has no such map
// and is refused with the way out.

/** One entry of the lock's `packages` map. */
export interface LockPackage {
  /** Its key: `node_modules/a/node_modules/b`; '' for the project. */
  readonly location: string
  /** The package's own name (an npm alias's `name`, else from the key). */
  readonly name: string
  readonly version?: string
  /** Only a devDependency needs it. */
  readonly dev: boolean
  readonly optional: boolean
  /** A workspace's symlink: the package lives at `resolved`. */
  readonly link: boolean
  readonly resolved?: string
  /** `license` as the lock holds it (npm writes the manifest's string). */
  readonly license?: unknown
  /** The old `licenses` array, when a lock carries it. */
  readonly licenses?: unknown
  /** dependencies, optionalDependencies and peerDependencies: name → range. */
  readonly requires: Readonly<Record<string, string>>
  readonly devRequires: Readonly<Record<string, string>>
}

/** A lock file read and checked. */
export interface NpmLock {
  readonly lockfileVersion: number
  /** The project's name, or `root` when its package.json has none. */
  readonly rootName: string
  readonly packages: ReadonlyMap<string, LockPackage>
  /** The 1-based line of each package's key, where npm's layout shows it. */
  readonly lines: ReadonlyMap<string, number>
}

/** A lock file that cannot be used, with what to do about it. */
export class LockFileError extends Error {
  override readonly name = 'LockFileError'
}

/** Parses the text of a package-lock.json (or npm-shrinkwrap.json). */
export function parseLock(text: string): NpmLock {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error: unknown) {
    const why = error instanceof Error ? error.message : String(error)
    throw new LockFileError(`not JSON: ${why}`)
  }
  if (!isRecord(data)) throw new LockFileError('not a JSON object')
  const version = data['lockfileVersion']
  if (typeof version !== 'number') {
    throw new LockFileError('no lockfileVersion: not an npm lock file')
  }
  const packages = data['packages']
  if (version < 2 || !isRecord(packages)) {
    throw new LockFileError(
      `lockfileVersion ${version} has no "packages" map; run \`npm install --package-lock-only\` with npm 7 or later to write version 3`,
    )
  }
  const entries = new Map<string, LockPackage>()
  for (const [location, value] of Object.entries(packages)) {
    if (isRecord(value)) entries.set(location, toPackage(location, value))
  }
  const root = entries.get('')
  const rootName =
    root?.name || (typeof data['name'] === 'string' ? data['name'] : '')
  return {
    lockfileVersion: version,
    rootName: rootName || 'root',
    packages: entries,
    lines: packageLines(text),
  }
}

function toPackage(
  location: string,
  value: Record<string, unknown>,
): LockPackage {
  const name =
    typeof value['name'] === 'string' ? value['name'] : nameAt(location)
  return {
    location,
    name,
    ...(typeof value['version'] === 'string'
      ? { version: value['version'] }
      : {}),
    dev: value['dev'] === true,
    optional: value['optional'] === true || value['devOptional'] === true,
    link: value['link'] === true,
    ...(typeof value['resolved'] === 'string'
      ? { resolved: value['resolved'] }
      : {}),
    ...('license' in value ? { license: value['license'] } : {}),
    ...('licenses' in value ? { licenses: value['licenses'] } : {}),
    requires: {
      ...ranges(value['peerDependencies']),
      ...ranges(value['optionalDependencies']),
      ...ranges(value['dependencies']),
    },
    devRequires: ranges(value['devDependencies']),
  }
}

/** The package name a location installs: the part after its last node_modules/. */
export function nameAt(location: string): string {
  const at = location.lastIndexOf('node_modules/')
  return at === -1 ? location : location.slice(at + 'node_modules/'.length)
}

function ranges(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {}
  const out: Record<string, string> = {}
  for (const [name, range] of Object.entries(value)) {
    if (typeof range === 'string') out[name] = range
  }
  return out
}

// npm writes the lock with two-space indentation, so each package's key
// opens a line indented four spaces inside `"packages": {`. Any other
// layout gives no lines, and findings point at line 1.
function packageLines(text: string): Map<string, number> {
  const lines = new Map<string, number>()
  let inside = false
  text.split('\n').forEach((line, i) => {
    if (!inside) {
      inside = /^ {2}"packages": \{\s*$/.test(line)
      return
    }
    if (/^ {2}\}/.test(line)) {
      inside = false
      return
    }
    const key = /^ {4}("(?:[^"\\]|\\.)*"): \{/.exec(line)?.[1]
    if (key === undefined) return
    const location = JSON.parse(key) as string
    if (!lines.has(location)) lines.set(location, i + 1)
  })
  return lines
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
