// Image references as the distribution spec writes them:
// [registry[:port]/]path[:tag][@digest]. Own parser, because the first `:`
// may belong to the registry's port (kustomize#221) and a reference may hold
// a tag and a digest together (kustomize#4713).
import { quote } from '../runner/config-error.js'

/** The registry a reference names when it names none. */
export const DOCKER_HUB = 'docker.io'

/** A parsed image reference; absent parts stay absent, never defaulted. */
export interface ImageRef {
  /** The registry host and port as written; undefined means Docker Hub. */
  readonly registry?: string
  /** The repository path as written: `nginx`, `team/operator`. */
  readonly repository: string
  /** The tag, when the reference has one. */
  readonly tag?: string
  /** The digest (`sha256:` and 64 hex digits), when it has one. */
  readonly digest?: string
}

/** What a reference is set to: a tag, a digest, or both. */
export interface ImageVersion {
  readonly tag?: string
  readonly digest?: string
}

/** An image reference that does not follow the distribution grammar. */
export class ImageRefError extends Error {
  override readonly name = 'ImageRefError'

  constructor(
    /** The text that was parsed, shortened for the message. */
    readonly text: string,
    /** Why it is not a reference. */
    readonly reason: string,
  ) {
    super(`invalid image reference ${quote(text)}: ${reason}`)
  }
}

// Docker's own limits: a name of at most 255 characters, a tag of at most 128.
const MAX_NAME = 255
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
// The two algorithms the OCI image spec registers, each with its hex length.
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const HOST_LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?'
const REGISTRY = new RegExp(
  `^(?:${HOST_LABEL}(?:\\.${HOST_LABEL})*|\\[[A-Fa-f0-9:.]+\\])(?::[0-9]+)?$`,
)

/** Parses `[registry/]repository[:tag][@digest]`; throws ImageRefError. */
export function parseImageRef(text: string): ImageRef {
  if (text.length === 0) throw new ImageRefError(text, 'it is empty')
  const at = text.indexOf('@')
  const nameAndTag = at < 0 ? text : text.slice(0, at)
  const digest = at < 0 ? undefined : text.slice(at + 1)
  if (digest !== undefined) checkDigest(text, digest)
  const colon = nameAndTag.lastIndexOf(':')
  // A `:` before the last `/` is the registry's port, not a tag.
  const hasTag = colon > nameAndTag.lastIndexOf('/')
  const name = hasTag ? nameAndTag.slice(0, colon) : nameAndTag
  const tag = hasTag ? nameAndTag.slice(colon + 1) : undefined
  if (tag !== undefined) checkTag(text, tag)
  const { registry, repository } = splitName(text, name)
  return {
    ...(registry === undefined ? {} : { registry }),
    repository,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  }
}

/** Like parseImageRef, but undefined instead of an error. */
export function tryParseImageRef(text: string): ImageRef | undefined {
  try {
    return parseImageRef(text)
  } catch (error: unknown) {
    if (error instanceof ImageRefError) return undefined
    throw error
  }
}

/** Writes a reference back as text, with only the parts it holds. */
export function formatImageRef(ref: ImageRef): string {
  const registry = ref.registry === undefined ? '' : `${ref.registry}/`
  const tag = ref.tag === undefined ? '' : `:${ref.tag}`
  const digest = ref.digest === undefined ? '' : `@${ref.digest}`
  return `${registry}${ref.repository}${tag}${digest}`
}

/**
 * Lower-cases and checks an image name (no tag, no digest), keeping it as
 * written otherwise: `GHCR.io/Org/App` is `ghcr.io/org/app`.
 */
export function normaliseImageName(name: string): string {
  const ref = parseImageRef(name.toLowerCase())
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new ImageRefError(name, 'an image name takes no tag or digest')
  }
  return formatImageRef(ref)
}

/**
 * The fully qualified repository used for matching: `nginx` is
 * `docker.io/library/nginx`, and the registry host is lower-cased.
 */
export function canonicalRepository(ref: ImageRef): string {
  const host = ref.registry?.toLowerCase()
  if (host === undefined || host === DOCKER_HUB || host === 'index.docker.io') {
    const path = ref.repository.includes('/')
      ? ref.repository
      : `library/${ref.repository}`
    return `${DOCKER_HUB}/${path}`
  }
  return `${host}/${ref.repository}`
}

/** Whether two references name the same repository, whole, never a prefix. */
export function sameRepository(a: ImageRef, b: ImageRef): boolean {
  return canonicalRepository(a) === canonicalRepository(b)
}

/**
 * The reference set to a new version. What is not given is dropped: a stale
 * digest left next to a new tag would still pin the old image.
 */
export function withVersion(ref: ImageRef, version: ImageVersion): ImageRef {
  const text = formatImageRef(ref)
  if (version.tag === undefined && version.digest === undefined) {
    throw new ImageRefError(text, 'a new version needs a tag or a digest')
  }
  if (version.tag !== undefined) checkTag(text, version.tag)
  if (version.digest !== undefined) checkDigest(text, version.digest)
  return {
    ...(ref.registry === undefined ? {} : { registry: ref.registry }),
    repository: ref.repository,
    ...(version.tag === undefined ? {} : { tag: version.tag }),
    ...(version.digest === undefined ? {} : { digest: version.digest }),
  }
}

function splitName(
  text: string,
  name: string,
): { registry?: string; repository: string } {
  if (name.length === 0) throw new ImageRefError(text, 'the name is empty')
  if (name.length > MAX_NAME) {
    throw new ImageRefError(text, `the name is over ${MAX_NAME} characters`)
  }
  const slash = name.indexOf('/')
  const first = slash < 0 ? '' : name.slice(0, slash)
  // Docker's rule: the first component is a registry only when it looks like
  // a host (a dot, a port, `localhost`) or has upper case, which no
  // repository may have.
  const isRegistry =
    slash >= 0 &&
    (/[.:]/.test(first) ||
      first === 'localhost' ||
      first !== first.toLowerCase())
  const registry = isRegistry ? first : undefined
  const repository = isRegistry ? name.slice(slash + 1) : name
  if (registry !== undefined && !REGISTRY.test(registry)) {
    throw new ImageRefError(text, `registry ${quote(registry)} is not a host`)
  }
  checkRepository(text, repository)
  return registry === undefined ? { repository } : { registry, repository }
}

function checkRepository(text: string, repository: string): void {
  if (repository !== repository.toLowerCase()) {
    throw new ImageRefError(
      text,
      `the repository must be lower-case, like ${quote(repository.toLowerCase())}`,
    )
  }
  for (const component of repository.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      throw new ImageRefError(
        text,
        `path component ${quote(component)} must be letters and digits joined by '.', '_', '__' or '-'`,
      )
    }
  }
}

function checkTag(text: string, tag: string): void {
  if (!TAG.test(tag)) {
    throw new ImageRefError(
      text,
      `tag ${quote(tag)} must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'`,
    )
  }
}

function checkDigest(text: string, digest: string): void {
  if (!DIGEST.test(digest)) {
    throw new ImageRefError(
      text,
      `digest ${quote(digest)} must be sha256: and 64 lower-case hex digits (or sha512: and 128)`,
    )
  }
}
