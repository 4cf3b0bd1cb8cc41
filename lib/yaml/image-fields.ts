// The parts of an image spread over keys, as Helm values and kustomize
// `images:` entries write it, and the edits that set them (adding a missing
// `tag:`/`newTag:` or `digest:` line at the entry's column).
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml'
import type { Document, Pair, Scalar, YAMLMap } from 'yaml'
import type { ImageVersion } from '../image-ref/index.js'
import { YamlEditError } from './edit.js'
import type { KeyInsert, ScalarEdit, YamlPath } from './edit.js'

/** The parts of an image spread over keys, as Helm and kustomize write it. */
export interface ImageFields {
  readonly name: string
  readonly tag?: Scalar
  /** The key a tag goes under: `newTag` in kustomize, `tag` in Helm. */
  readonly tagKey: string
  readonly digest?: Scalar
  /** The map inherits keys through `<<`, so a missing key is no error. */
  readonly merged: boolean
}

/** Whether a map is an item of an `images:` sequence, as in kustomize. */
export function inImagesList(ancestors: readonly unknown[]): boolean {
  const seq = ancestors.at(-1)
  const pair = ancestors.at(-2)
  return (
    isSeq(seq) &&
    isPair(pair) &&
    isScalar(pair.key) &&
    pair.key.value === 'images'
  )
}

export function imageFields(
  doc: Document,
  map: YAMLMap,
  listed: boolean,
): ImageFields | undefined {
  const own = (key: string): Scalar | undefined => {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key)
    return isScalar(pair?.value) ? pair.value : undefined
  }
  const merged = mergedMaps(doc, map)
  const lookup = (key: string): unknown => {
    const mine = own(key)
    if (mine !== undefined) return mine.value
    for (const source of merged) {
      const item = source.get(key)
      if (item !== undefined) return item
    }
    return undefined
  }
  const base = { digest: own('digest'), merged: merged.length > 0 }
  // A kustomize `images:` entry: `name`, and `newName`, `newTag` or `digest`.
  const kustomizeName = own('newName')?.value ?? own('name')?.value
  const newTag = own('newTag')
  const isKustomize =
    (listed && own('name') !== undefined) ||
    newTag !== undefined ||
    own('newName') !== undefined ||
    (base.digest !== undefined && lookup('repository') === undefined)
  if (isKustomize && typeof kustomizeName === 'string') {
    return { ...base, name: kustomizeName, tag: newTag, tagKey: 'newTag' }
  }
  // Helm values: `repository` with `tag` or `digest`, maybe a `registry`.
  const repository = lookup('repository')
  const registry = lookup('registry')
  if (typeof repository !== 'string') return undefined
  if (lookup('tag') === undefined && lookup('digest') === undefined) {
    return undefined
  }
  const name =
    typeof registry === 'string' && registry !== ''
      ? `${registry}/${repository}`
      : repository
  return { ...base, name, tag: own('tag'), tagKey: 'tag' }
}

// The maps a `<<: *anchor` (or `<<: [*a, *b]`) pulls keys from.
function mergedMaps(doc: Document, map: YAMLMap): YAMLMap[] {
  const merge = map.items.find((p) => isScalar(p.key) && p.key.value === '<<')
  if (merge === undefined) return []
  const values = isSeq(merge.value) ? merge.value.items : [merge.value]
  const maps: YAMLMap[] = []
  for (const value of values) {
    const target: unknown = isAlias(value) ? value.resolve(doc) : value
    if (isMap(target)) maps.push(target)
  }
  return maps
}

export function fieldEdits(
  text: string,
  map: YAMLMap,
  fields: ImageFields,
  version: ImageVersion,
  at: YamlPath,
): { edits: ScalarEdit[]; inserts: KeyInsert[] } {
  const keyPath = (key: string): YamlPath => [...at, key]
  const edits: ScalarEdit[] = []
  const inserts: KeyInsert[] = []
  if (version.tag !== undefined) {
    if (fields.tag !== undefined) {
      const path = keyPath(fields.tagKey)
      edits.push({ node: fields.tag, value: version.tag, path })
    } else if (!fields.merged) {
      const insert = keyInsert(text, map, fields.tagKey, version.tag)
      inserts.push({ ...insert, path: keyPath(fields.tagKey) })
    }
  }
  if (version.digest !== undefined) {
    const path = keyPath('digest')
    if (fields.digest === undefined) {
      inserts.push({ ...keyInsert(text, map, 'digest', version.digest), path })
    } else edits.push({ node: fields.digest, value: version.digest, path })
  } else if (fields.digest !== undefined && notEmpty(fields.digest)) {
    // A stale digest beside a new tag would still pin the old image. The tag
    // is left when only a digest is given: both tools prefer the digest.
    edits.push({ node: fields.digest, value: '', path: keyPath('digest') })
  }
  return { edits, inserts }
}

/**
 * A new `key: value` line after the map's last entry, at its keys' column.
 * Flow maps (`{a: 1}`) are refused: a line cannot be added inside them.
 */
function keyInsert(
  text: string,
  map: YAMLMap,
  key: string,
  value: string,
): KeyInsert {
  const first = map.items[0]?.key
  const last = map.items.at(-1)
  const start = isScalar(first) ? first.range?.[0] : undefined
  const lastEnd = last === undefined ? undefined : pairEnd(last)
  if (map.flow === true || start === undefined || lastEnd === undefined) {
    throw new YamlEditError(
      `no ${key} key to set, and one cannot be added to this mapping; add it`,
    )
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1
  const indent = ' '.repeat(start - lineStart)
  // A nested block ends after its newline; the line to follow is the one before.
  const at = text[lastEnd - 1] === '\n' ? lastEnd - 1 : lastEnd
  return { at, indent, key, value }
}

function pairEnd(pair: Pair): number | undefined {
  const node = pair.value ?? pair.key
  if (isScalar(node) || isMap(node) || isSeq(node) || isAlias(node)) {
    return node.range?.[1]
  }
  return undefined
}

function notEmpty(node: Scalar): boolean {
  return node.value !== null && node.value !== ''
}
