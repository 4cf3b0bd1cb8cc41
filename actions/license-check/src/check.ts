// The license-check core: every installed package of the lock judged, all
// violations collected in one pass (never stopping at the first), each
// with the dependency path that brings it in.
import type { NpmLock } from '../../../lib/npm-lock/index.js'
import {
  dependencyGraph,
  describePath,
  isOwnPackage,
  shortestPaths,
} from '../../../lib/npm-lock/index.js'
import type { LicensePolicy } from '../../../lib/spdx/index.js'
import type { PackageAllowance } from './allow-packages.js'
import { allowanceFor } from './allow-packages.js'
import { findLicense } from './declared-license.js'
import type { LicenseOutcome } from './judge.js'
import { judgeLicense } from './judge.js'

/** What the check needs besides the lock. */
export interface LicenseCheckOptions {
  /** devDependencies too; production packages only when false. */
  readonly includeDev: boolean
  readonly policy: LicensePolicy
  readonly allowPackages: readonly PackageAllowance[]
  /** Judge a license guessed from a file as if declared. */
  readonly acceptGuessed: boolean
}

/** One package and what the policy says of it. */
export interface PackageResult {
  readonly name: string
  readonly version?: string
  /** Its key in the lock, `node_modules/a/node_modules/b`. */
  readonly location: string
  /** How the project comes to need it: `app > x > d@1.0.0`. */
  readonly path: string
  /** The line of its entry in the lock; 1 when unknown. */
  readonly line: number
  readonly outcome: LicenseOutcome
  /** The allow-packages entry that excuses a failing outcome. */
  readonly excusedBy?: string
}

/** Every package judged, and the results a report needs apart. */
export interface LicenseReport {
  readonly packages: readonly PackageResult[]
  /** Failing, and not excused. */
  readonly violations: readonly PackageResult[]
  /** Failing, but let through by allow-packages: kept visible. */
  readonly excused: readonly PackageResult[]
  /** allow-packages entries that excused nothing, to be cleaned up. */
  readonly unusedAllowances: readonly string[]
}

/** Checks the license of every package the lock installs under `root`. */
export function checkLicenses(
  lock: NpmLock,
  root: string,
  options: LicenseCheckOptions,
): LicenseReport {
  const chains = shortestPaths(
    dependencyGraph(lock, { includeDev: options.includeDev }),
  )
  const packages: PackageResult[] = []
  const used = new Set<string>()
  const locations = [...lock.packages.keys()].sort()
  for (const location of locations) {
    const pkg = lock.packages.get(location)
    if (pkg === undefined || pkg.link || isOwnPackage(location)) continue
    if (pkg.dev && !options.includeDev) continue
    const outcome = judgeLicense(
      findLicense(pkg, root),
      options.policy,
      options.acceptGuessed,
    )
    const allowance = outcome.ok
      ? undefined
      : allowanceFor(options.allowPackages, pkg.name, pkg.version)
    if (allowance !== undefined) used.add(allowance.entry)
    const chain = chains.get(location)
    const label = `${pkg.name}${pkg.version ? `@${pkg.version}` : ''}`
    packages.push({
      name: pkg.name,
      ...(pkg.version === undefined ? {} : { version: pkg.version }),
      location,
      path:
        chain === undefined
          ? `${label} (required by nothing in the lock)`
          : describePath(lock, chain),
      line: lock.lines.get(location) ?? 1,
      outcome,
      ...(allowance === undefined ? {} : { excusedBy: allowance.entry }),
    })
  }
  const failing = packages.filter((p) => !p.outcome.ok)
  return {
    packages,
    violations: failing.filter((p) => p.excusedBy === undefined),
    excused: failing.filter((p) => p.excusedBy !== undefined),
    unusedAllowances: options.allowPackages
      .map((a) => a.entry)
      .filter((entry) => !used.has(entry)),
  }
}
