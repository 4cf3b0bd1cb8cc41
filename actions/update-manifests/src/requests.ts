// What to change: the `images` input (references, or build-images' JSON
// output) and the `targets` input (YAML paths and ApplicationSet list
// elements), read into checked, typed requests.
import {
  ImageRefError,
  canonicalRepository,
  formatImageRef,
  sameRepository,
  parseImageRef,
  withVersion,
} from '../../../lib/image-ref/index.js'
import { ConfigError, quote } from '../../../lib/runner/index.js'
import {
  YamlEditError,
  parsePath,
  readYamlInput,
} from '../../../lib/yaml/index.js'
import type { YamlPath } from '../../../lib/yaml/index.js'
import type { ImageRef } from '../../../lib/image-ref/index.js'

/** One image to set: its name and the tag, digest or both to give it. */
export interface ImageRequest {
  /** The name as given, without tag or digest: `ghcr.io/org/api`. */
  readonly repository: string
  readonly tag?: string
  readonly digest?: string
}

/** A value for an explicit target: literal, or taken from an image. */
export type TargetValue =
  | { readonly literal: string }
  | { readonly image: string; readonly use: 'tag' | 'digest' | 'reference' }

/** An explicit edit the image scan cannot find by itself. */
export type Target =
  | {
      readonly kind: 'path'
      readonly file: string
      readonly path: YamlPath
      readonly document?: number
      readonly value: TargetValue
    }
  | {
      readonly kind: 'list-element'
      readonly file: string
      readonly generatorPath?: YamlPath
      readonly match: Readonly<Record<string, string>>
      readonly field: string
      readonly value: TargetValue
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

const TARGETS_EXAMPLE =
  'a YAML list of `{file, path, value}` or `{file, match, field, value}` ' +
  'entries, with `image:` in place of `value` to take an image’s tag'

/** Reads the `targets` input; every entry is checked before any edit. */
export function parseTargets(
  text: string | undefined,
  images: readonly ImageRequest[],
): Target[] {
  if (text === undefined) return []
  // Every scalar as the string it was written as: `value: 1.10` means the
  // tag 1.10, never the number 1.1 (CASES C34).
  const list = readYamlInput('targets', text, TARGETS_EXAMPLE)
  if (!Array.isArray(list))
    throw new ConfigError('targets', text, TARGETS_EXAMPLE)
  return list.map((item: unknown, i) => readTarget(item, i, images))
}

function readTarget(
  item: unknown,
  index: number,
  images: readonly ImageRequest[],
): Target {
  const shown = JSON.stringify(item)
  const bad = (expected: string): ConfigError =>
    new ConfigError('targets', shown, `entry ${index + 1}: ${expected}`)
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw bad(TARGETS_EXAMPLE)
  }
  const entry = item as Record<string, unknown>
  const file = entry['file']
  if (typeof file !== 'string' || file === '')
    throw bad('a `file` (a path or glob)')
  if (
    file.startsWith('/') ||
    /^[A-Za-z]:/.test(file) ||
    file.split(/[\\/]/).includes('..')
  ) {
    throw bad('a `file` inside the repository: relative, without ..')
  }
  const value = targetValue(entry, images, bad)
  const path = (key: string): YamlPath | undefined => {
    const text = entry[key]
    if (text === undefined) return undefined
    if (typeof text !== 'string') throw bad(`\`${key}\` as a string`)
    try {
      return parsePath(text)
    } catch (error: unknown) {
      if (error instanceof YamlEditError) throw bad(error.message)
      throw error
    }
  }
  if (entry['match'] !== undefined) {
    const match = entry['match']
    const field = entry['field']
    if (typeof match !== 'object' || match === null || Array.isArray(match)) {
      throw bad('`match` as a map of key: value that picks one list element')
    }
    if (typeof field !== 'string' || field === '') throw bad('a `field` to set')
    const pairs = Object.entries(match as Record<string, unknown>).map(
      ([k, v]) => [k, String(v)] as const,
    )
    if (pairs.length === 0) throw bad('`match` with at least one key')
    const generatorPath = path('generators')
    return {
      kind: 'list-element',
      file,
      ...(generatorPath === undefined ? {} : { generatorPath }),
      match: Object.fromEntries(pairs),
      field,
      value,
    }
  }
  const at = path('path')
  if (at === undefined) throw bad('a `path`, or `match` and `field`')
  const documentText = entry['document']
  const document =
    typeof documentText === 'string' && /^\d+$/.test(documentText)
      ? Number(documentText)
      : documentText
  if (
    document !== undefined &&
    (!Number.isInteger(document) || (document as number) < 0)
  ) {
    throw bad('`document` as a 0-based index')
  }
  return {
    kind: 'path',
    file,
    path: at,
    ...(document === undefined ? {} : { document: document as number }),
    value,
  }
}

function targetValue(
  entry: Record<string, unknown>,
  images: readonly ImageRequest[],
  bad: (expected: string) => ConfigError,
): TargetValue {
  const literal = entry['value']
  const image = entry['image']
  if ((literal === undefined) === (image === undefined)) {
    throw bad('either `value` or `image`')
  }
  if (literal !== undefined) {
    if (typeof literal !== 'string' && typeof literal !== 'number') {
      throw bad('`value` as a string')
    }
    if (String(literal).trim() === '') {
      // What `${{ needs.build.outputs.version }}` gives when nothing was
      // released: writing it would deploy `image:` with no tag.
      throw bad('a `value` that is not empty')
    }
    return { literal: String(literal) }
  }
  if (typeof image !== 'string') throw bad('`image` as an image name')
  const use = entry['use'] ?? 'tag'
  if (use !== 'tag' && use !== 'digest' && use !== 'reference') {
    throw bad('`use` as tag, digest or reference')
  }
  const request = findImage(images, image)
  if (request === undefined) {
    throw bad(`\`image\` ${quote(image)} to be one of the \`images\` input`)
  }
  if (use === 'tag' && request.tag === undefined)
    throw bad(`a tag for ${image}`)
  if (use === 'digest' && request.digest === undefined) {
    throw bad(`a digest for ${image}`)
  }
  return { image: request.repository, use }
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

/** The text a target value stands for. */
export function resolveValue(
  value: TargetValue,
  images: readonly ImageRequest[],
): string {
  if ('literal' in value) return value.literal
  const request = findImage(images, value.image)
  if (request === undefined) throw new Error(`no image ${value.image}`)
  if (value.use === 'tag') return request.tag ?? ''
  if (value.use === 'digest') return request.digest ?? ''
  return formatImageRef(withVersion(parseImageRef(request.repository), request))
}
