// Image references wherever GitOps files keep them: `image:` strings in
// manifests, Helm values maps and kustomize `images:` entries (their fields
// in image-fields.ts; ApplicationSet elements in list-elements.ts).
import { isAlias, isPair, isScalar, isSeq, visit } from 'yaml'
import type { Document, Pair, Scalar } from 'yaml'
import {
  formatImageRef,
  parseImageRef,
  sameRepository,
  tryParseImageRef,
  withVersion,
} from '../image-ref/index.js'
import type { ImageRef, ImageVersion } from '../image-ref/index.js'
import { quote } from '../runner/config-error.js'
import { YamlEditError, applyEdits, parseDocuments } from './edit.js'
import { fieldEdits, imageFields, inImagesList } from './image-fields.js'
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
