import { createHash } from 'node:crypto'
import * as semver from 'semver'
import { normaliseImageName } from '../../../lib/image-ref/index.js'
import { ConfigError } from '../../../lib/runner/index.js'
import { ContextError } from '../../../lib/runner/index.js'

/** The workflow events build-images tags for. */
export type BuildEvent =
  | 'push'
  | 'pull_request'
  | 'release'
  | 'workflow_dispatch'
  | 'schedule'
  | 'merge_group'

/** Where a pull request build takes its commit from. */
export type PrShaSource = 'head' | 'merge'

/** The event a build runs for, and the image it tags. */
export interface ImageTagsInput {
  /** The image name, any case: `GHCR.io/Org/App`. */
  image: string
  event: BuildEvent
  /** GITHUB_REF: `refs/heads/main`, `refs/tags/v1.2.3`, `refs/pull/42/merge`. */
  ref: string
  /** GITHUB_SHA; for a pull request, GitHub's merge commit. */
  sha: string
  /** The pull request, on pull_request events. */
  pullRequest?: { number: number; headSha: string }
  /** The release's tag name, on release events. */
  releaseTag?: string
  /** Release tags already in git, with or without `v`; others are skipped. */
  existingVersions: readonly string[]
  /** Characters of the commit SHA in tags; default 7. */
  shortShaLength?: number
  /**
   * Also tag the git tag as written (`v1.2.3`), not only the version; a
   * `+` is written `-` there too.
   */
  rawVersionTag?: boolean
  /** A pull request's commit: its head (default) or the merge commit. */
  prShaSource?: PrShaSource
  /**
   * Whether a stable release may move `latest` and the floating `1` /
   * `1.2` (default true): false for a GitHub pre-release, and when the
   * other release tags are unknown.
   */
  floating?: boolean
}

/** The tags one build pushes. */
export interface ImageTags {
  /** Full references, `<image>:<tag>`, the image lower-cased. */
  tags: string[]
  /** The bare tags, in the same order. */
  tagNames: string[]
  /** The lower-cased image name. */
  image: string
  /**
   * The version as its tag writes it, the first of the tags: the git tag
   * without its `v`, case kept, and a `+` (build metadata, which Docker
   * refuses in a tag) written `-`: `v1.2.3+build.5` is `1.2.3-build.5`.
   */
  version?: string
  /** The commit's short SHA, one fixed length, for update-manifests. */
  shortSha: string
  /** The full commit the tags name: a pull request's head unless asked. */
  revision: string
  /** Whether `latest` is among the tags. */
  latest: boolean
}

// Docker's limit on a tag's length.
const MAX_TAG = 128
const DEFAULT_SHORT_SHA = 7
const HASH_LENGTH = 8
// Names a branch must not take, or a branch push would move a release's tag.
const RESERVED = /^(?:latest|v?\d+(?:\.\d+){0,2}(?:-.*)?)$/

/** The tags, version and short SHA of a build, from its event and ref. */
export function imageTags(input: ImageTagsInput): ImageTags {
  const image = normaliseImageName(input.image)
  const commit = commitOf(input)
  const shortSha = commit.slice(0, shortShaLength(input.shortShaLength))
  const gitTag = gitTagOf(input)
  let names: string[]
  let version: string | undefined
  if (gitTag !== undefined) {
    const semverVersion = versionOf(gitTag)
    if (semverVersion === undefined) {
      names = [fitTag(sanitiseTag(gitTag), gitTag)]
    } else {
      names = versionTags(semverVersion, gitTag, input)
      // What the `version` output says is the tag, never the semver text.
      version = names[0]
    }
  } else if (input.ref.startsWith('refs/heads/')) {
    names = branchTags(input.ref.slice('refs/heads/'.length), shortSha)
  } else if (input.event === 'pull_request') {
    names = [`pr-${prNumber(input)}`, `sha-${shortSha}`]
  } else {
    throw new ContextError(
      'GITHUB_REF',
      input.ref,
      'a branch, tag or pull request ref',
    )
  }
  const tagNames = [...new Set(names)]
  return {
    tags: tagNames.map((tag) => `${image}:${tag}`),
    tagNames,
    image,
    ...(version === undefined ? {} : { version }),
    shortSha,
    revision: commit,
    latest: tagNames.includes('latest'),
  }
}

/**
 * A branch or tag name as a Docker tag: lower-case, every character Docker
 * refuses (`/`, `@`, `#`) as `-`, runs of `-` as one, and no `.` or `-` at
 * either end.
 */
export function sanitiseTag(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+/, '')
    .replace(/[.-]+$/, '')
}

/**
 * A tag cut to `max` characters: a longer one keeps its start and ends in a
 * hash of the original name, so two long names that share a start differ.
 */
export function fitTag(tag: string, original: string, max = MAX_TAG): string {
  const hash = createHash('sha256').update(original).digest('hex')
  if (tag.length === 0) return `ref-${hash.slice(0, HASH_LENGTH)}`
  if (tag.length <= max) return tag
  const start = tag.slice(0, max - HASH_LENGTH - 1).replace(/[.-]+$/, '')
  return `${start}-${hash.slice(0, HASH_LENGTH)}`
}

function commitOf(input: ImageTagsInput): string {
  const useHead =
    input.event === 'pull_request' && input.prShaSource !== 'merge'
  if (useHead && input.pullRequest === undefined) {
    // Falling back to GITHUB_SHA would tag a merge commit no branch holds
    // (docker/metadata-action#206), so say so instead.
    throw new ContextError(
      'the pull_request event payload (GITHUB_EVENT_PATH)',
      '',
      "pull_request.number and pull_request.head.sha, the pull request's head SHA, which GitHub sends with every pull_request event (a local run passes a payload with --event)",
    )
  }
  const sha = useHead ? (input.pullRequest?.headSha ?? '') : input.sha
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(sha)) {
    throw new ContextError(
      useHead ? "the event payload's pull_request.head.sha" : 'GITHUB_SHA',
      sha,
      'a full commit SHA of 40 hex digits',
    )
  }
  return sha.toLowerCase()
}

function shortShaLength(length: number | undefined): number {
  if (length === undefined) return DEFAULT_SHORT_SHA
  // git abbreviates to no fewer than 4 characters.
  if (!Number.isInteger(length) || length < 4 || length > 40) {
    throw new ConfigError(
      'short-sha-length',
      String(length),
      'a whole number from 4 to 40',
    )
  }
  return length
}

function gitTagOf(
  input: Pick<ImageTagsInput, 'event' | 'ref' | 'releaseTag'>,
): string | undefined {
  if (input.event === 'release' && input.releaseTag !== undefined) {
    return input.releaseTag
  }
  if (input.ref.startsWith('refs/tags/')) {
    return input.ref.slice('refs/tags/'.length)
  }
  if (input.event === 'release') {
    throw new ContextError(
      "the release event payload's release.tag_name",
      '',
      `the release's tag, which GitHub sends with every release event (GITHUB_REF ${input.ref} names no tag either)`,
    )
  }
  return undefined
}

/**
 * The version a stable release build tags, or undefined for a branch, a
 * pull request, a tag that is no version, or a semver pre-release.
 */
export function stableVersion(
  input: Pick<ImageTagsInput, 'event' | 'ref' | 'releaseTag'>,
): string | undefined {
  const gitTag = gitTagOf(input)
  const version = gitTag === undefined ? undefined : versionOf(gitTag)
  if (version === undefined) return undefined
  return semver.prerelease(version) === null ? version : undefined
}

/** The version a git tag names, the `v` stripped whatever the event (C24). */
function versionOf(gitTag: string): string | undefined {
  const bare = gitTag.replace(/^v/, '')
  const parsed = semver.parse(bare)
  if (parsed === null) return undefined
  const build = parsed.build.length > 0 ? `+${parsed.build.join('.')}` : ''
  return `${parsed.version}${build}` === bare ? bare : undefined
}

/**
 * `1.2.3`, `1.2`, `1` and `latest` for a stable release; a floating tag
 * moves only when no higher release holds it, so a back-port never drags it
 * backwards. A pre-release gets its full version only (C22).
 */
function versionTags(
  version: string,
  gitTag: string,
  input: ImageTagsInput,
): string[] {
  const source = input.event === 'release' ? 'the release tag' : 'GITHUB_REF'
  const full = versionTag(version, gitTag, source)
  const names = [full]
  if (input.rawVersionTag === true) {
    const raw = versionTag(gitTag, gitTag, source)
    if (raw !== full) names.push(raw)
  }
  if (semver.prerelease(version) !== null) return names
  if (input.floating === false) return names
  const released = stableVersions(input.existingVersions)
  const higherIn = (range: string): boolean =>
    released.some((v) => semver.gt(v, version) && semver.satisfies(v, range))
  const major = semver.major(version)
  const minor = semver.minor(version)
  if (!higherIn(`${major}.${minor}.x`)) names.push(`${major}.${minor}`)
  if (!higherIn(`${major}.x`)) names.push(`${major}`)
  if (!higherIn('*')) names.push('latest')
  return names
}

function stableVersions(tags: readonly string[]): string[] {
  return tags.flatMap((tag) => {
    const version = versionOf(tag)
    return version !== undefined && semver.prerelease(version) === null
      ? [version]
      : []
  })
}

/**
 * A version (or the git tag naming it) as a Docker tag. Docker takes upper
 * case, so the case stays: `RC` and `rc` are different semver versions. It
 * refuses `+`, so build metadata follows a `-`; semver allows one `+` only.
 */
function versionTag(text: string, gitTag: string, source: string): string {
  const tag = text.replace('+', '-')
  // A cut version would name another version; refuse rather than guess.
  if (tag.length > MAX_TAG) {
    throw new ContextError(
      source,
      gitTag,
      `a version of at most ${MAX_TAG} characters`,
    )
  }
  return tag
}

function branchTags(branch: string, shortSha: string): string[] {
  let name = sanitiseTag(branch)
  if (RESERVED.test(name)) name = `branch-${name}`
  const withSha = fitTag(name, branch, MAX_TAG - shortSha.length - 1)
  return [`${withSha}-${shortSha}`, fitTag(name, branch)]
}

function prNumber(input: ImageTagsInput): number {
  if (input.pullRequest !== undefined) return input.pullRequest.number
  const match = /^refs\/pull\/(\d+)\//.exec(input.ref)
  if (match?.[1] === undefined) {
    throw new ContextError('GITHUB_REF', input.ref, 'refs/pull/<number>/merge')
  }
  return Number(match[1])
}
