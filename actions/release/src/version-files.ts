// Which JSON files carry the version, and the new text of each. Nothing is
// written here: every file is computed first, so a bad key in the third file
// never leaves the first two changed on disk.
import { ConfigError } from '../../../lib/runner/index.js'
import { JsonTextError, jsonPath, setJsonString } from './json-text.js'

/** A JSON file whose string values at `keys` become the version. */
export interface VersionFile {
  /** Relative to the repository root, `/`-separated. */
  path: string
  /** JSON paths to set, e.g. `[['version'], ['packages', '', 'version']]`. */
  keys: string[][]
  /**
   * A missing file or key is skipped rather than an error. Set for the
   * defaults, which cannot know a file's shape (a lockfile v1 has no
   * `packages`, an application's package.json may have no version).
   */
  optional?: boolean
}

const INPUT = 'version-files'
const EXPECTED =
  'a JSON file inside the repository, optionally followed by ":" and a ' +
  'dotted key path (package.json, chart.json:app.version, ' +
  'lock.json:packages."".version)'

const ROOT_VERSION = ['version']
// npm writes the root package's version a second time in lockfile v2 and v3.
const LOCK_ROOT_VERSION = ['packages', '', 'version']

const DEFAULTS: readonly VersionFile[] = [
  { path: 'package.json', keys: [ROOT_VERSION] },
  { path: 'package-lock.json', keys: [ROOT_VERSION, LOCK_ROOT_VERSION] },
  { path: 'npm-shrinkwrap.json', keys: [ROOT_VERSION, LOCK_ROOT_VERSION] },
]

/**
 * Reads one `version-files` entry: `path` (key `version`) or `path:key.path`,
 * where a key segment may be a JSON string to hold dots or be empty.
 */
export function parseVersionFileSpec(spec: string): VersionFile {
  const text = spec.trim()
  const colon = text.indexOf(':')
  const rawPath = colon === -1 ? text : text.slice(0, colon)
  const path = rawPath.replace(/^(?:\.\/)+/, '')
  const key = colon === -1 ? ['version'] : parseKeyPath(text.slice(colon + 1))
  if (!isInsideRepository(path) || key === undefined) {
    throw new ConfigError(INPUT, spec, EXPECTED)
  }
  return { path, keys: [key] }
}

/** npm's manifest and lockfiles that exist, each with its version keys. */
export function defaultVersionFiles(
  existing: (path: string) => boolean,
): VersionFile[] {
  return DEFAULTS.filter((file) => existing(file.path)).map((file) => ({
    path: file.path,
    keys: file.keys.map((key) => [...key]),
    optional: true,
  }))
}

/**
 * The new text of every file that changes. Throws, naming the file and the
 * key, when a required file or key is missing, a value is not a string, or
 * a file is not JSON; nothing is half-applied because nothing is written.
 */
export function applyVersion(
  files: VersionFile[],
  read: (path: string) => string | undefined,
  version: string,
): { path: string; before: string; after: string }[] {
  const changes: { path: string; before: string; after: string }[] = []
  for (const [path, keys] of groupByPath(files)) {
    const before = read(path)
    if (before === undefined) {
      if (keys.every((key) => key.optional)) continue
      throw new Error(`version file ${path} does not exist`)
    }
    let after = before
    for (const { key, optional } of keys) {
      const result = setKey(path, after, key, version)
      if (!result.found && !optional) {
        throw new Error(`version file ${path} has no key ${jsonPath(key)}`)
      }
      after = result.text
    }
    if (after !== before) changes.push({ path, before, after })
  }
  return changes
}

function setKey(
  path: string,
  text: string,
  key: string[],
  version: string,
): { text: string; found: boolean } {
  try {
    return setJsonString(text, key, version)
  } catch (error: unknown) {
    if (!(error instanceof JsonTextError)) throw error
    if (error.kind === 'syntax') {
      throw new Error(
        `version file ${path} is not valid JSON: ${error.message}`,
      )
    }
    throw new Error(`version file ${path}: ${error.message}`)
  }
}

/** One entry per file, keys in order, so a file is edited from one text. */
function groupByPath(
  files: VersionFile[],
): Map<string, { key: string[]; optional: boolean }[]> {
  const byPath = new Map<string, { key: string[]; optional: boolean }[]>()
  for (const file of files) {
    const keys = byPath.get(file.path) ?? []
    for (const key of file.keys) {
      keys.push({ key, optional: file.optional === true })
    }
    byPath.set(file.path, keys)
  }
  return byPath
}

/** A relative path that stays in the repository: no `..`, not absolute. */
function isInsideRepository(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\')) return false
  return path.split('/').every((part) => part !== '' && part !== '..')
}

/** `a.b`, `packages."".version`; undefined when malformed. */
function parseKeyPath(text: string): string[] | undefined {
  const segments: string[] = []
  let pos = 0
  for (;;) {
    if (text[pos] === '"') {
      const quoted = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(pos))
      if (quoted === null) return undefined
      try {
        segments.push(JSON.parse(quoted[0]) as string)
      } catch {
        return undefined
      }
      pos += quoted[0].length
    } else {
      const bare = /^[^".]+/.exec(text.slice(pos))
      if (bare === null || bare[0].trim() !== bare[0]) return undefined
      segments.push(bare[0])
      pos += bare[0].length
    }
    if (pos === text.length) return segments
    if (text[pos] !== '.') return undefined
    pos += 1
  }
}
