// The YAML files being checked, parsed once with their line positions, and
// the helpers every check uses to read a value and say where it is.
import type { Document, LineCounter, Node, Scalar } from 'yaml'
import { isMap, isPair, isScalar, isSeq } from 'yaml'

/** What a file is, which decides the checks it gets. */
export type FileKind =
  | 'workflow'
  | 'action'
  | 'kustomization'
  | 'chart'
  | 'helm-values'
  | 'manifests'

/** One YAML file of the set, parsed. */
export interface YamlFile {
  /** `/`-separated, relative to the folder checked. */
  readonly path: string
  readonly text: string
  readonly kind: FileKind
  readonly docs: readonly Doc[]
  readonly lines: LineCounter
  /** Whether it parsed without errors; checks beyond syntax need that. */
  readonly parsed: boolean
}

/** One document of a file, with its value as plain data. */
export interface Doc {
  readonly file: YamlFile
  /** 0-based position of the document in its file. */
  readonly index: number
  readonly node: Document.Parsed
  readonly value: unknown
}

/** A 1-based line and column. */
export interface Position {
  readonly line: number
  readonly column: number
}

/** A path into a document: map keys and sequence indexes. */
export type Path = readonly (string | number)[]

/** A plain object, as YAML maps become. */
export type Dict = Record<string, unknown>

/** Whether `value` is a map. */
export function isDict(value: unknown): value is Dict {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** The value at `path` below `value`, or undefined. */
export function get(value: unknown, ...path: Path): unknown {
  let here = value
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(here)) return undefined
      here = here[key]
    } else {
      if (!isDict(here)) return undefined
      here = here[key]
    }
  }
  return here
}

/** The string at `path`, or undefined when it is absent or not a string. */
export function str(value: unknown, ...path: Path): string | undefined {
  const found = get(value, ...path)
  return typeof found === 'string' ? found : undefined
}

/** The list at `path`, or an empty one. */
export function list(value: unknown, ...path: Path): unknown[] {
  const found = get(value, ...path)
  return Array.isArray(found) ? found : []
}

/** The map at `path`, or undefined. */
export function dict(value: unknown, ...path: Path): Dict | undefined {
  const found = get(value, ...path)
  return isDict(found) ? found : undefined
}

/** Where an offset of a file is. */
export function positionOf(file: YamlFile, offset: number): Position {
  const { line, col } = file.lines.linePos(offset)
  return { line, column: col }
}

/**
 * The node at `path`: for a map entry its key, so a finding points at the
 * line that names the field. When the path goes further than the document,
 * the deepest node that exists.
 */
export function nodeAt(doc: Doc, path: Path): Node | undefined {
  let here: unknown = doc.node.contents
  let found = here as Node | undefined
  for (const key of path) {
    if (isMap(here)) {
      const pair = here.items.find(
        (item) => isPair(item) && isScalar(item.key) && item.key.value === key,
      )
      if (pair === undefined) return found
      found = (pair.key as Node | null) ?? found
      here = pair.value
    } else if (isSeq(here) && typeof key === 'number') {
      const item: unknown = here.items[key]
      if (item === undefined) return found
      found = item as Node
      here = item
    } else return found
  }
  return found
}

/** Where the field at `path` is written (or the deepest part of it that is). */
export function locate(doc: Doc, path: Path): Position {
  const node = nodeAt(doc, path)
  return positionOf(doc.file, node?.range?.[0] ?? 0)
}

/** The scalar node holding the value at `path`, when it is one. */
export function scalarAt(doc: Doc, path: Path): Scalar | undefined {
  const node = doc.node.getIn(path, true)
  return isScalar(node) ? node : undefined
}

/** A scalar as text (`3000`, `true`); anything else as JSON. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value)
  }
  return JSON.stringify(value) ?? ''
}
