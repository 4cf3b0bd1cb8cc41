// The `targets` input: YAML paths and ApplicationSet list elements the
// image scan cannot find by itself, read as written and checked before any
// edit.
import { ConfigError, quote } from '../../../lib/runner/index.js'
import {
  YamlEditError,
  parsePath,
  readYamlInput,
} from '../../../lib/yaml/index.js'
import type { YamlPath } from '../../../lib/yaml/index.js'
import type { ImageRequest } from './requests.js'
import { findImage } from './requests.js'
import {
  formatImageRef,
  parseImageRef,
  withVersion,
} from '../../../lib/image-ref/index.js'

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
