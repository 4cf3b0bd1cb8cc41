// What to change: the `images` input (references, or build-images' JSON
// output) read into checked, typed requests.
import {
  ImageRefError,
  canonicalRepository,
  formatImageRef,
  sameRepository,
  parseImageRef,
  withVersion,
} from '../../../lib/image-ref/index.js'
import { ConfigError } from '../../../lib/runner/index.js'
import type { ImageRef } from '../../../lib/image-ref/index.js'

/** One image to set: its name and the tag, digest or both to give it. */
export interface ImageRequest {
  /** The name as given, without tag or digest: `ghcr.io/org/api`. */
  readonly repository: string
  readonly tag?: string
  readonly digest?: string
}

const IMAGES_EXAMPLE =
  'one reference a line, `ghcr.io/org/api:1.4.1` or `…@sha256:<digest>`, ' +
  "or build-images' `images` output (JSON)"

/**
 * Reads the `images` input. A line without tag or digest takes `tag` (the
 * `tag` input, say build-images' `short-sha`-based tag), so one computed tag
 * is shared and never recomputed (CASES C27).
 */
export function parseImages(text: string, tag?: string): ImageRequest[] {
  if (tag !== undefined) checkTag(tag)
  const trimmed = text.trim()
  const requests = trimmed.startsWith('[')
    ? fromJson(trimmed, tag)
    : trimmed
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
        .map((line) => fromReference(line, tag))
  // An empty JSON list is build-images' word for "built nothing".
  if (requests.length === 0 && !trimmed.startsWith('[')) {
    throw new ConfigError('images', text, IMAGES_EXAMPLE)
  }
  const seen = new Set<string>()
  for (const request of requests) {
    const name = canonicalRepository(parseImageRef(request.repository))
    if (seen.has(name)) {
      throw new ConfigError(
        'images',
        request.repository,
        'each image once; two versions of one image cannot both be set',
      )
    }
    seen.add(name)
  }
  return requests
}

function fromReference(line: string, tag: string | undefined): ImageRequest {
  const ref = parsed(line)
  const named = ref.tag === undefined && ref.digest === undefined
  return checked(line, {
    repository: nameOf(ref),
    ...(named && tag !== undefined ? { tag } : {}),
    ...(ref.tag === undefined ? {} : { tag: ref.tag }),
    ...(ref.digest === undefined ? {} : { digest: ref.digest }),
  })
}

function parsed(text: string): ImageRef {
  try {
    return parseImageRef(lowerName(text))
  } catch (error: unknown) {
    if (!(error instanceof ImageRefError)) throw error
    throw new ConfigError('images', text, `${IMAGES_EXAMPLE} (${error.reason})`)
  }
}

/**
 * The reference with its name lower-cased, tag and digest as written:
 * `ghcr.io/${{ github.repository }}` keeps the owner's capitals, which no
 * registry accepts; build-images lower-cases the same way.
 */
function lowerName(text: string): string {
  const at = text.indexOf('@')
  const digest = at === -1 ? '' : text.slice(at)
  const rest = at === -1 ? text : text.slice(0, at)
  const colon = rest.lastIndexOf(':')
  const tagged = colon > rest.lastIndexOf('/')
  const name = tagged ? rest.slice(0, colon) : rest
  return name.toLowerCase() + (tagged ? rest.slice(colon) : '') + digest
}

// The name without tag or digest, as written.
function nameOf(ref: ImageRef): string {
  return formatImageRef({
    repository: ref.repository,
    ...(ref.registry === undefined ? {} : { registry: ref.registry }),
  })
}

function fromJson(text: string, tag: string | undefined): ImageRequest[] {
  let list: unknown
  try {
    list = JSON.parse(text)
  } catch {
    throw new ConfigError(
      'images',
      text,
      `${IMAGES_EXAMPLE}; the JSON does not parse`,
    )
  }
  if (!Array.isArray(list))
    throw new ConfigError('images', text, IMAGES_EXAMPLE)
  return list.map((item: unknown) => {
    const entry = (
      typeof item === 'object' && item !== null ? item : {}
    ) as Record<string, unknown>
    const name = entry['name']
    if (typeof name !== 'string') {
      throw new ConfigError(
        'images',
        JSON.stringify(item),
        'entries with a `name`',
      )
    }
    const tags = Array.isArray(entry['tags']) ? entry['tags'] : []
    // The first tag is the most specific one build-images pushed: the
    // version, or `<branch>-<sha>`; the `tag` input wins over it.
    const first: unknown = tag ?? entry['tag'] ?? tags[0]
    const digest = entry['digest']
    return checked(name, {
      repository: nameOf(parsed(name)),
      ...(typeof first === 'string' && first !== ''
        ? { tag: bareTag(first) }
        : {}),
      ...(typeof digest === 'string' && digest !== '' ? { digest } : {}),
    })
  })
}

// build-images lists full references in `tags`; the tag is after the last `:`.
function bareTag(tag: string): string {
  if (!tag.includes(':')) return tag
  return parseImageRef(tag).tag ?? tag
}

function checkTag(tag: string): void {
  try {
    withVersion(parseImageRef('image'), { tag })
  } catch (error: unknown) {
    if (!(error instanceof ImageRefError)) throw error
    throw new ConfigError(
      'tag',
      tag,
      'a tag of letters, digits, `_`, `.` and `-`, starting with a letter, digit or `_`, at most 128 characters',
    )
  }
}

function checked(given: string, request: ImageRequest): ImageRequest {
  if (request.tag === undefined && request.digest === undefined) {
    throw new ConfigError(
      'images',
      given,
      'a tag or digest for every image (`name:tag`, `name@sha256:…`, or set `tag`)',
    )
  }
  try {
    withVersion(parseImageRef(request.repository), request)
  } catch (error: unknown) {
    if (!(error instanceof ImageRefError)) throw error
    throw new ConfigError(
      'images',
      given,
      `a valid reference (${error.reason})`,
    )
  }
  return request
}

/** The request for an image name, matched on the normalised repository. */
export function findImage(
  images: readonly ImageRequest[],
  name: string,
): ImageRequest | undefined {
  let wanted
  try {
    wanted = parseImageRef(name)
  } catch {
    return undefined
  }
  return images.find((request) =>
    sameRepository(parseImageRef(request.repository), wanted),
  )
}
