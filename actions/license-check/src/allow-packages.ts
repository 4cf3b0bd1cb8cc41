// The escape for a package whose license the policy cannot judge or does
// not allow, after a person has read it: `name` or `name@range`
// (`@scope/pkg@^2`), matched on the package's own name and version.
import * as semver from 'semver'

/** One `allow-packages` entry. */
export interface PackageAllowance {
  /** As written in the input. */
  readonly entry: string
  readonly name: string
  /** A semver range; any version when absent. */
  readonly range?: string
}

/**
 * Reads one entry, or says what is wrong with it: a range that semver
 * cannot read, or no name.
 */
export function readAllowance(entry: string): PackageAllowance | string {
  const at = entry.lastIndexOf('@')
  const name = at > 0 ? entry.slice(0, at) : entry
  const range = at > 0 ? entry.slice(at + 1).trim() : undefined
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name)) {
    return `"${entry}" is not a package name`
  }
  if (range !== undefined && semver.validRange(range) === null) {
    return `"${entry}" has a version range semver cannot read`
  }
  return range === undefined ? { entry, name } : { entry, name, range }
}

/** The first entry that lets `name@version` through, if any. */
export function allowanceFor(
  allowances: readonly PackageAllowance[],
  name: string,
  version: string | undefined,
): PackageAllowance | undefined {
  return allowances.find(
    (a) =>
      a.name === name &&
      (a.range === undefined ||
        (version !== undefined &&
          semver.satisfies(version, a.range, { includePrerelease: true }))),
  )
}
