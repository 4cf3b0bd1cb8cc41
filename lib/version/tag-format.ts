import * as semver from 'semver'
import { ConfigError } from '../runner/config-error.js'

const PLACEHOLDER = '${version}'

/** A tag format such as `v${version}` or `validator/v${version}`. */
export interface TagFormat {
  /** The text before the version. */
  prefix: string
  /** The text after the version. */
  suffix: string
}

/** Parses a tag format; it must hold `${version}` exactly once. */
export function parseTagFormat(
  format: string,
  input = 'tag-format',
): TagFormat {
  const at = format.indexOf(PLACEHOLDER)
  if (at < 0 || format.indexOf(PLACEHOLDER, at + 1) >= 0) {
    throw new ConfigError(
      input,
      format,
      'a tag format holding ${version} once, like v${version}',
    )
  }
  const prefix = format.slice(0, at)
  const suffix = format.slice(at + PLACEHOLDER.length)
  if (/[\s~^:?*[\\]|\.\.|@\{/.test(prefix + suffix)) {
    throw new ConfigError(
      input,
      format,
      'characters that git allows in a tag name',
    )
  }
  return { prefix, suffix }
}

/** The tag name for a version. */
export function formatTag(version: string, format: TagFormat): string {
  return `${format.prefix}${version}${format.suffix}`
}

/**
 * The version a tag names under a format, matched whole: `validator/v1.1.0`
 * under `v${version}` is not `v1.1.0`'s sibling but a foreign tag, and a tag
 * whose middle is not a full semver version names nothing.
 */
export function versionOfTag(
  tag: string,
  format: TagFormat,
): string | undefined {
  if (!tag.startsWith(format.prefix) || !tag.endsWith(format.suffix)) {
    return undefined
  }
  const middle = tag.slice(
    format.prefix.length,
    tag.length - format.suffix.length,
  )
  // Only the canonical form counts: semver.valid also takes `v1.0.0` and
  // ` 1.0.0`, but a format owns its prefix.
  return semver.valid(middle) === middle ? middle : undefined
}
