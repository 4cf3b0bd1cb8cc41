// Setting one scalar by its path: the walk to it, which refuses aliases
// unless asked, and which of several documents holds the path.
import { isAlias, isMap, isScalar, isSeq } from 'yaml'
import type { Document, Node, Scalar } from 'yaml'
import {
  YamlEditError,
  applyEdits,
  formatPath,
  parseDocuments,
} from './edit.js'
import type { EditOptions, EditResult, YamlPath } from './edit.js'

/** The node a path names, or a YamlEditError saying where the walk stopped. */
export function resolveNode(
  doc: Document.Parsed,
  path: YamlPath,
  options: EditOptions = {},
): Node {
  let node: unknown = doc.contents
  path.forEach((part, i) => {
    const here = formatPath(path.slice(0, i + 1))
    if (isAlias(node) && options.throughAliases === true) {
      node = node.resolve(doc)
    }
    if (isAlias(node)) {
      // Editing through an alias would change every place that uses the anchor.
      throw new YamlEditError(
        `path ${here} goes through alias *${node.source}; edit the anchor instead`,
      )
    }
    if (typeof part === 'number') {
      if (!isSeq(node)) throw new YamlEditError(`path ${here}: not a sequence`)
      node = node.items[part]
    } else {
      if (!isMap(node)) throw new YamlEditError(`path ${here}: not a mapping`)
      const pair = node.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === part,
      )
      node = pair?.value
    }
    if (node === undefined || node === null) {
      throw new YamlEditError(`path ${here} not found`)
    }
  })
  return node as Node
}

/** The scalar a path names; anything else there is a YamlEditError. */
export function resolveScalar(
  doc: Document.Parsed,
  path: YamlPath,
  options: EditOptions = {},
): Scalar {
  let node: unknown = resolveNode(doc, path, options)
  if (isAlias(node) && options.throughAliases === true) {
    node = node.resolve(doc)
  }
  if (isAlias(node)) {
    throw new YamlEditError(
      `path ${formatPath(path)} is alias *${node.source}; edit the anchor ` +
        `instead, or allow edits through aliases`,
    )
  }
  if (!isScalar(node)) {
    throw new YamlEditError(`path ${formatPath(path)} is not a scalar`)
  }
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    throw new YamlEditError(
      `path ${formatPath(path)} is a block scalar, which this edit does not rewrite`,
    )
  }
  return node
}

/**
 * Sets one scalar, changing only its bytes. Without `docIndex` the path must
 * exist in exactly one document of the stream.
 */
export function setScalar(
  text: string,
  path: YamlPath,
  value: string,
  options: EditOptions & { readonly docIndex?: number } = {},
): EditResult {
  const docs = parseDocuments(text)
  const node = findScalar(docs, path, options)
  return applyEdits(text, [{ node, value, path }])
}

function findScalar(
  docs: Document.Parsed[],
  path: YamlPath,
  options: EditOptions & { readonly docIndex?: number },
): Scalar {
  const { docIndex } = options
  if (docIndex !== undefined) {
    const doc = docs[docIndex]
    if (doc === undefined) {
      throw new YamlEditError(
        `document ${docIndex} does not exist; the text has ${docs.length}`,
      )
    }
    return resolveScalar(doc, path, options)
  }
  const only = docs.length === 1 ? docs[0] : undefined
  // One document: let its own error say where the walk stopped.
  if (only !== undefined) return resolveScalar(only, path, options)
  const found: { index: number; node: Scalar }[] = []
  docs.forEach((doc, index) => {
    try {
      found.push({ index, node: resolveScalar(doc, path, options) })
    } catch (error: unknown) {
      if (!(error instanceof YamlEditError)) throw error
    }
  })
  const [first, second] = found
  if (first === undefined) {
    throw new YamlEditError(
      `path ${formatPath(path)} not found in any of the ${docs.length} documents`,
    )
  }
  if (second !== undefined) {
    const where = found.map((f) => f.index).join(', ')
    throw new YamlEditError(
      `path ${formatPath(path)} is in documents ${where}; pass docIndex to choose one`,
    )
  }
  return first.node
}
