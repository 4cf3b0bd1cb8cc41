// The size label: changed lines (additions plus deletions) of the files
// that count, placed on a scale of five steps. Lock files, generated files
// and configured globs do not count: a dependency bump that rewrites 4 000
// lines of package-lock.json is still a small change to review.
import { ConfigError, splitList } from '../../../lib/runner/index.js'

/** The steps of the scale, smallest first. */
export const SIZE_NAMES = ['XS', 'S', 'M', 'L', 'XL'] as const

/** One step of the scale. */
export type SizeName = (typeof SIZE_NAMES)[number]

/** The most lines of XS, S, M and L; anything above L is XL. */
export type Thresholds = readonly [number, number, number, number]

/** The defaults: XS ≤ 10, S ≤ 100, M ≤ 500, L ≤ 1000, XL above. */
export const DEFAULT_THRESHOLDS: Thresholds = [10, 100, 500, 1000]

// Lock files by name, wherever they sit: written by tools, not reviewed.
const LOCK_FILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'deno.lock',
  'Cargo.lock',
  'go.sum',
  'go.work.sum',
  'poetry.lock',
  'Pipfile.lock',
  'pdm.lock',
  'uv.lock',
  'composer.lock',
  'Gemfile.lock',
  'Podfile.lock',
  'mix.lock',
  'pubspec.lock',
  'flake.lock',
  'packages.lock.json',
  'gradle.lockfile',
  'Package.resolved',
  '.terraform.lock.hcl',
  'Chart.lock',
])

/** Whether the file is a package manager's lock file. */
export function isLockFile(path: string): boolean {
  return LOCK_FILES.has(path.slice(path.lastIndexOf('/') + 1))
}

/** The step a number of counted lines falls on. */
export function sizeOf(lines: number, thresholds: Thresholds): SizeName {
  const index = thresholds.findIndex((most) => lines <= most)
  return SIZE_NAMES[index < 0 ? SIZE_NAMES.length - 1 : index] ?? 'XL'
}

/** Every size label, so the ones that no longer apply can be removed. */
export function sizeLabels(prefix: string): string[] {
  return SIZE_NAMES.map((name) => `${prefix}${name}`)
}

/**
 * The `size-thresholds` input: four whole numbers, rising, the most lines
 * of XS, S, M and L (`10, 100, 500, 1000`); empty gives the defaults.
 */
export function parseThresholds(text: string | undefined): Thresholds {
  if (text === undefined || text.trim() === '') return DEFAULT_THRESHOLDS
  const parts = splitList(text)
  const numbers = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN))
  const rising = numbers.every((n, i) => i === 0 || n > (numbers[i - 1] ?? 0))
  const [xs, s, m, l] = numbers
  if (
    numbers.length !== 4 ||
    numbers.some((n) => Number.isNaN(n)) ||
    !rising ||
    xs === undefined ||
    s === undefined ||
    m === undefined ||
    l === undefined
  ) {
    throw new ConfigError(
      'size-thresholds',
      text,
      'four rising whole numbers, the most changed lines of XS, S, M and L (`10, 100, 500, 1000`)',
    )
  }
  return [xs, s, m, l]
}
