// Edits that know the shapes of GitOps files: image references in manifests,
// Helm values and kustomizations, and Argo CD ApplicationSet list elements.
import { isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml'
import type { Document, Pair, Scalar, YAMLMap } from 'yaml'
import {
  formatImageRef,
  parseImageRef,
  sameRepository,
  tryParseImageRef,
  withVersion,
} from '../image-ref/index.js'
import type { ImageRef, ImageVersion } from '../image-ref/index.js'
import { quote } from '../runner/config-error.js'
import {
  YamlEditError,
  applyEdits,
  formatPath,
  parseDocuments,
  resolveNode,
  resolveScalar,
} from './edit.js'
import type {
  EditOptions,
  EditResult,
  KeyInsert,
  ScalarEdit,
  YamlPath,
} from './edit.js'

/** Which image to update and the version to give it. */
export interface ImageUpdate extends ImageVersion {
  /** The image name without tag or digest: `ghcr.io/org/app`, `nginx`. */
  readonly repository: string
}

/** An image edit's result; `count` is how many places name the image. */
export interface ImageEditResult extends EditResult {
  readonly count: number
}

/**
 * Sets the tag and digest of every place that names the image: `image:`
 * strings, Helm `repository`/`tag`/`digest` maps and kustomize `images:`
 * entries, matched by whole repository (`nginx` is `docker.io/library/nginx`).
 */
export function setImage(
  text: string,
  update: ImageUpdate,
  options: EditOptions = {},
): ImageEditResult {
  const { counts, ...result } = setImages(text, [update], options)
  return { ...result, count: counts[0] ?? 0 }
}

/** Several images' edits of one text; `counts` follows `updates`. */
export interface ImagesEditResult extends EditResult {
  readonly counts: readonly number[]
}

/**
 * setImage for several images in one pass: the text is parsed and walked
 * once, however many images are set.
 */
export function setImages(
  text: string,
  updates: readonly ImageUpdate[],
  options: EditOptions = {},
): ImagesEditResult {
  const wanted = updates.map(checkedUpdate)
  const edits: ScalarEdit[] = []
  const inserts: KeyInsert[] = []
  const counts = updates.map(() => 0)
  const find = (ref: ImageRef | undefined): number =>
    ref === undefined ? -1 : wanted.findIndex((w) => sameRepository(ref, w.ref))
  for (const doc of parseDocuments(text)) {
    visit(doc, {
      Pair(_, pair, ancestors) {
        const found = imageString(doc, pair, find, options)
        const image = found === undefined ? undefined : wanted[found.index]
        if (found === undefined || image === undefined) return
        counts[found.index] = (counts[found.index] ?? 0) + 1
        const value = formatImageRef(withVersion(found.ref, image.version))
        const path = pathOf(ancestors, pair)
        edits.push({ node: found.node, value, path })
      },
      Map(_, map, ancestors) {
        const fields = imageFields(doc, map, inImagesList(ancestors))
        if (fields === undefined) return
        const index = find(tryParseImageRef(fields.name))
        const image = wanted[index]
        if (image === undefined) return
        counts[index] = (counts[index] ?? 0) + 1
        const at = pathOf(ancestors, map)
        const planned = fieldEdits(text, map, fields, image.version, at)
        edits.push(...planned.edits)
        inserts.push(...planned.inserts)
      },
    })
  }
  return { ...applyEdits(text, edits, inserts), counts }
}

/** The wanted repository and version; bad ones throw before any edit. */
function checkedUpdate(update: ImageUpdate): {
  ref: ImageRef
  version: ImageVersion
} {
  const ref = parseImageRef(update.repository)
  if (ref.tag !== undefined || ref.digest !== undefined) {
    throw new YamlEditError(
      `image ${quote(update.repository)} must be a name without tag or digest`,
    )
  }
  const version: ImageVersion = {
    ...(update.tag === undefined ? {} : { tag: update.tag }),
    ...(update.digest === undefined ? {} : { digest: update.digest }),
  }
  withVersion(ref, version) // checks the tag and digest
  return { ref, version }
}

/** The path of a node from the ancestors `visit` hands its callbacks. */
function pathOf(ancestors: readonly unknown[], node: unknown): YamlPath {
  const chain = [...ancestors, node]
  const path: (string | number)[] = []
  chain.forEach((item, i) => {
    if (isPair(item)) {
      path.push(isScalar(item.key) ? String(item.key.value) : '?')
    } else if (isSeq(item) && i + 1 < chain.length) {
      path.push(item.items.indexOf(chain[i + 1]))
    }
  })
  return path
}

function imageString(
  doc: Document,
  pair: Pair,
  find: (ref: ImageRef | undefined) => number,
  options: EditOptions,
): { node: Scalar; ref: ImageRef; index: number } | undefined {
  const { key } = pair
  if (!isScalar(key) || key.value !== 'image') return undefined
  const value: unknown = pair.value
  if (isAlias(value)) {
    const target: unknown = value.resolve(doc)
    if (!isScalar(target) || typeof target.value !== 'string') return undefined
    const ref = tryParseImageRef(target.value)
    const index = find(ref)
    if (ref === undefined || index === -1) return undefined
    if (options.throughAliases !== true) {
      // The anchor is the only place to write, and it may be used elsewhere.
      throw new YamlEditError(
        `an image: key is alias *${value.source} of ${quote(target.value)}; ` +
          `edit the anchor, or allow edits through aliases`,
      )
    }
    // Editing the anchor changes every place that uses it, as was asked.
    return { node: target, ref, index }
  }
  if (!isScalar(value) || typeof value.value !== 'string') return undefined
  if (value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED') {
    return undefined
  }
  const ref = tryParseImageRef(value.value)
  const index = find(ref)
  if (ref === undefined || index === -1) return undefined
  return { node: value, ref, index }
}

/** The parts of an image spread over keys, as Helm and kustomize write it. */
interface ImageFields {
  readonly name: string
  readonly tag?: Scalar
  /** The key a tag goes under: `newTag` in kustomize, `tag` in Helm. */
  readonly tagKey: string
  readonly digest?: Scalar
  /** The map inherits keys through `<<`, so a missing key is no error. */
  readonly merged: boolean
}

/** Whether a map is an item of an `images:` sequence, as in kustomize. */
function inImagesList(ancestors: readonly unknown[]): boolean {
  const seq = ancestors.at(-1)
  const pair = ancestors.at(-2)
  return (
    isSeq(seq) &&
    isPair(pair) &&
    isScalar(pair.key) &&
    pair.key.value === 'images'
  )
}

function imageFields(
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

function fieldEdits(
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

/** Which list-generator element to change, and how. */
export interface ListElementUpdate {
  /** Where the generators sequence is; `spec.generators` by default. */
  readonly generatorPath?: YamlPath
  /** Key/value pairs that pick exactly one element. */
  readonly match: Readonly<Record<string, string>>
  readonly field: string
  readonly value: string
}

/**
 * Sets one field of the single ApplicationSet list-generator element that
 * matches; no match or several matches is a YamlEditError.
 */
export function setListElementField(
  text: string,
  update: ListElementUpdate,
): EditResult {
  const base = update.generatorPath ?? ['spec', 'generators']
  const docs = parseDocuments(text)
  const hits: { doc: Document.Parsed; path: YamlPath }[] = []
  let generatorsSeen = false
  for (const doc of docs) {
    let generators: unknown
    try {
      generators = resolveNode(doc, base)
    } catch (error: unknown) {
      if (error instanceof YamlEditError) continue
      throw error
    }
    if (!isSeq(generators)) continue
    generatorsSeen = true
    generators.items.forEach((generator, g) => {
      const path = [...base, g, 'list', 'elements']
      const elements = isMap(generator) ? listElements(generator) : undefined
      elements?.items.forEach((element, e) => {
        if (isMap(element) && matches(element, update.match)) {
          hits.push({ doc, path: [...path, e] })
        }
      })
    })
  }
  const wanted = JSON.stringify(update.match)
  if (!generatorsSeen) {
    throw new YamlEditError(`no generators sequence at ${formatPath(base)}`)
  }
  const [hit, other] = hits
  if (hit === undefined) {
    throw new YamlEditError(
      `no list element under ${formatPath(base)} matches ${wanted}`,
    )
  }
  if (other !== undefined) {
    const where = hits.map((h) => formatPath(h.path)).join(', ')
    throw new YamlEditError(
      `${hits.length} list elements match ${wanted} (${where}); make the match unique`,
    )
  }
  const path = [...hit.path, update.field]
  const node = resolveScalar(hit.doc, path)
  return applyEdits(text, [{ node, value: update.value, path }])
}

function listElements(generator: YAMLMap): { items: unknown[] } | undefined {
  const list = generator.get('list', true)
  if (!isMap(list)) return undefined
  const elements = list.get('elements', true)
  return isSeq(elements) ? elements : undefined
}

function matches(
  element: YAMLMap,
  match: Readonly<Record<string, string>>,
): boolean {
  return Object.entries(match).every(([key, want]) => {
    const value = element.get(key, true)
    return isScalar(value) && String(value.value) === want
  })
}
