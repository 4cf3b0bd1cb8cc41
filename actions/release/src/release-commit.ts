import * as semver from 'semver'

/**
 * Recognises the release stage's own commits by the configured message:
 * returns the version a header names, or undefined for any other commit.
 */
export function releaseCommitMatcher(
  template: string,
): (header: string) => string | undefined {
  const firstLine = template.split('\n')[0] ?? template
  const pattern = firstLine
    .split('${version}')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('(\\S+)')
  const regex = new RegExp(`^${pattern}$`)
  return (header) => {
    const match = regex.exec(header.trimEnd())
    const version = match?.[1]
    return version !== undefined && semver.valid(version) === version
      ? version
      : undefined
  }
}

/** The release commit's message for a version. */
export function releaseCommitMessage(
  template: string,
  version: string,
): string {
  return template.split('${version}').join(version)
}
