// ApplicationSet list-generator elements: one field of the one element a
// match picks, never "the first of several".
import { isMap, isScalar, isSeq } from 'yaml'
import type { Document, YAMLMap } from 'yaml'
import {
  YamlEditError,
  applyEdits,
  formatPath,
  parseDocuments,
} from './edit.js'
import { resolveNode, resolveScalar } from './set-scalar.js'
import type { EditResult, YamlPath } from './edit.js'

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
