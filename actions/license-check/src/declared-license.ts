// Where a package's license comes from, in order: the lock's `license`
// field, the package's own package.json under node_modules, and at last a
// guess from its LICENSE or README file, which is marked as a guess.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LockPackage } from '../../../lib/npm-lock/index.js'
import { guessLicense } from './guess-license.js'

/** A package's license as found, before any judgement. */
export type FoundLicense =
  | {
      readonly kind: 'declared'
      /** As declared; `licenses` arrays joined with OR. */
      readonly text: string
      readonly source: 'lock' | 'package.json'
    }
  | { readonly kind: 'guessed'; readonly text: string; readonly file: string }
  | {
      readonly kind: 'none'
      /** The package's folder is missing: `npm ci` did not run. */
      readonly installed: boolean
    }

/** The license of the package installed at `pkg.location` under `root`. */
export function findLicense(pkg: LockPackage, root: string): FoundLicense {
  const fromLock = declared(pkg.license, pkg.licenses)
  if (fromLock !== undefined) {
    return { kind: 'declared', text: fromLock, source: 'lock' }
  }
  const dir = join(root, pkg.location)
  const manifest = readManifest(join(dir, 'package.json'))
  if (manifest !== undefined) {
    const text = declared(manifest['license'], manifest['licenses'])
    if (text !== undefined) {
      return { kind: 'declared', text, source: 'package.json' }
    }
  }
  const guess = guessLicense(dir)
  if (guess !== undefined) {
    return { kind: 'guessed', text: guess.license, file: guess.file }
  }
  return { kind: 'none', installed: manifest !== undefined }
}

/**
 * The license text of `license` / `licenses` fields: a string, an old
 * `{ type }` object, or an array of either (a choice, so joined with OR).
 */
export function declared(
  license: unknown,
  licenses: unknown,
): string | undefined {
  const one = typeName(license)
  if (one !== undefined) return one
  const list = Array.isArray(license) ? license : licenses
  if (!Array.isArray(list)) return undefined
  const names = list
    .map(typeName)
    .filter((name): name is string => name !== undefined)
  if (names.length <= 1) return names[0]
  return names
    .map((name) => (/\s/.test(name) ? `(${name})` : name))
    .join(' OR ')
}

function typeName(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined
  if (typeof value === 'object' && value !== null && 'type' in value) {
    const type: unknown = value.type
    return typeof type === 'string' ? type.trim() || undefined : undefined
  }
  return undefined
}

function readManifest(file: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'))
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
