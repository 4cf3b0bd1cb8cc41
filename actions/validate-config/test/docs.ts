// Documents parsed from text written in a test, as the checks get them.
import { parseFile } from '../src/load.js'
import type { KustomizeModel } from '../src/kustomize.js'
import type { Doc, YamlFile } from '../src/yaml-source.js'

/** A file parsed from `text`, as if it were at `path`. */
export function fileFrom(text: string, path = 'm.yaml'): YamlFile {
  return parseFile('/nonexistent', path, text).file
}

/** The documents of `text`. */
export function docsFrom(text: string, path = 'm.yaml'): Doc[] {
  return [...fileFrom(text, path).docs]
}

/** The only document of `text`. */
export function docFrom(text: string, path = 'm.yaml'): Doc {
  const [doc] = docsFrom(text, path)
  if (doc === undefined) throw new Error('no document')
  return doc
}

/** No kustomizations at all. */
export const NO_KUSTOMIZE: KustomizeModel = {
  kustomizations: new Map(),
  closures: new Map(),
  roots: [],
}
