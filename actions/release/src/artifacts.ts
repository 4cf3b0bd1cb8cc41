// The files a release uploads, each with the name GitHub will list it by.
// The name is settled before anything is hashed or uploaded, so SHA256SUMS
// names exactly what a person downloads (CASES.md C66, C67).
import { getExecOutput } from '@actions/exec'
import { existsSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { ConfigError, errorMessage } from '../../../lib/runner/index.js'
import { expandGlob, globBase } from '../../../lib/files/index.js'

/** One file to upload. */
export interface Artifact {
  /** Absolute path on disk. */
  path: string
  /** The asset name as GitHub will show it. */
  name: string
}

const INPUT = 'artifacts'

/**
 * Expands every pattern to files named relative to the pattern's base. A
 * pattern that matches nothing, or two files that would upload under one
 * name, is a configuration error.
 */
export function resolveArtifacts(patterns: string[], cwd: string): Artifact[] {
  const artifacts: Artifact[] = []
  const byName = new Map<string, string>()
  const seen = new Set<string>()
  for (const pattern of patterns) {
    for (const file of matches(pattern, cwd)) {
      const path = resolve(cwd, file)
      if (seen.has(path)) continue
      seen.add(path)
      const name = assetName(relativeTo(globBase(pattern), file))
      if (name === '') {
        throw new ConfigError(
          INPUT,
          pattern,
          `files with a usable name; ${file} has none`,
        )
      }
      const other = byName.get(name)
      if (other !== undefined) {
        throw new ConfigError(
          INPUT,
          pattern,
          `files with distinct asset names; ${other} and ${file} would both upload as ${name}`,
        )
      }
      byName.set(name, file)
      artifacts.push({ path, name })
    }
  }
  return artifacts
}

/**
 * The asset name for a path below its glob's base: a scope's `@` dropped,
 * `/` joined as `-` (`@scope/pkg-1.2.3.tgz` → `scope-pkg-1.2.3.tgz`), then
 * renamed as GitHub renames uploads: other characters become `.`, runs of
 * dots collapse and dots at either end go.
 */
export function assetName(relativePath: string): string {
  return relativePath
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .map((part) => part.replace(/^@/, ''))
    .join('-')
    .replace(/[^A-Za-z0-9._+-]/gu, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/^\.+|\.+$/g, '')
}

/**
 * Runs `npm pack` into `destination` and returns the tarball, named by npm's
 * own JSON output rather than by guessing how npm spells a scoped name.
 */
export async function npmPack(
  cwd: string,
  destination: string,
): Promise<Artifact> {
  const result = await getExecOutput(
    'npm',
    ['pack', '--json', '--pack-destination', destination],
    { cwd, silent: true, ignoreReturnCode: true },
  )
  if (result.exitCode !== 0) {
    const said = result.stderr.trim() || result.stdout.trim()
    throw new Error(`npm pack failed (exit ${result.exitCode}): ${said}`)
  }
  const reported = packedFilename(result.stdout)
  const path = locateTarball(resolve(cwd, destination), reported)
  return { path, name: assetName(basename(path)) }
}

function matches(pattern: string, cwd: string): string[] {
  let files: string[]
  try {
    files = expandGlob(pattern, cwd)
  } catch (error: unknown) {
    throw new ConfigError(
      INPUT,
      pattern,
      `a valid glob (${errorMessage(error)})`,
    )
  }
  if (files.length > 0) return files
  const hint = isDirectory(resolve(cwd, pattern))
    ? `; it is a directory, so name its files, e.g. ${pattern.replace(/\/+$/, '')}/*`
    : ''
  throw new ConfigError(
    INPUT,
    pattern,
    `a pattern that matches at least one file${hint}`,
  )
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/** `file` (as expandGlob returned it) relative to the pattern's base. */
function relativeTo(base: string, file: string): string {
  if (base === '.') return file
  const prefix = base.endsWith('/') ? base : `${base}/`
  return file.startsWith(prefix) ? file.slice(prefix.length) : file
}

/**
 * The tarball's file name from `npm pack --json`. Lifecycle scripts
 * (prepack, postpack) print to the same stdout, before and after the JSON,
 * so the JSON array is looked for between lines that open and close it.
 */
function packedFilename(stdout: string): string {
  const lines = stdout.split(/\r?\n/)
  const opens = lines.flatMap((line, i) => (line.startsWith('[') ? [i] : []))
  for (const open of opens) {
    for (let close = open; close < lines.length; close += 1) {
      if (!lines[close].trimEnd().endsWith(']')) continue
      const filename = filenameOf(lines.slice(open, close + 1).join('\n'))
      if (filename !== undefined) return filename
    }
  }
  throw new Error(
    `npm pack printed no file name in its JSON output: ${stdout.trim().slice(0, 500)}`,
  )
}

function filenameOf(json: string): string | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(json)
  } catch {
    return undefined
  }
  if (!Array.isArray(parsed)) return undefined
  const first: unknown = parsed[0]
  if (typeof first !== 'object' || first === null) return undefined
  const filename: unknown = (first as { filename?: unknown }).filename
  return typeof filename === 'string' && filename !== '' ? filename : undefined
}

/**
 * npm 7 to 9.1 reported `@scope/pkg-1.2.3.tgz` for the file it wrote as
 * `scope-pkg-1.2.3.tgz` (https://github.com/npm/cli/issues/3405); only
 * when the reported file is absent is npm's own rewrite of it looked for.
 */
function locateTarball(destination: string, reported: string): string {
  const direct = join(destination, reported)
  if (existsSync(direct)) return direct
  const rewritten = join(
    destination,
    reported.replace(/^@/, '').replace('/', '-'),
  )
  if (existsSync(rewritten)) return rewritten
  throw new Error(
    `npm pack reported ${reported}, but no such file is in ${destination}`,
  )
}
