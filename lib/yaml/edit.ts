// Scalar edits that rewrite only the target's own bytes. The `yaml` package
// reads the text and tells us where each scalar sits; we then splice the new
// scalar into the original text ourselves, so comments, blank lines, anchors,
// flow style and document markers cannot be touched by a re-serialisation.
import { parse, parseAllDocuments } from 'yaml'
import type { Document, Scalar } from 'yaml'
import { quote } from '../runner/config-error.js'
import { isPlainSafe, scalarSource, scalarText } from './scalar.js'

/** A path into a document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[]

/** How far an edit may reach. */
export interface EditOptions {
  /**
   * Follow aliases and edit their anchor, which changes every place that
   * uses it. Off by default: the edit is refused and says why.
   */
  readonly throughAliases?: boolean
}

/** One value an edit changed: where, from what, to what. */
export interface ValueChange {
  /** The YAML path, `spec.template.spec.containers[0].image`. */
  readonly path: string
  /** The 1-based line of the value in the edited text. */
  readonly line: number
  /** The value before; null for a key the edit added. */
  readonly old: string | null
  readonly new: string
}

/** The result of an edit: the new text, whether it differs, and how. */
export interface EditResult {
  readonly text: string
  readonly changed: boolean
  readonly changes: readonly ValueChange[]
}

/** One scalar to set, found in the parsed text. */
export interface ScalarEdit {
  readonly node: Scalar
  readonly value: string
  /** The scalar's path, for the change record. */
  readonly path?: YamlPath
}

/** A `key: value` line to add to a block mapping, after offset `at`. */
export interface KeyInsert {
  readonly at: number
  readonly indent: string
  readonly key: string
  readonly value: string
  /** The new key's path, for the change record. */
  readonly path?: YamlPath
}

/** An edit that cannot be made: a missing path, an ambiguous match. */
export class YamlEditError extends Error {
  override readonly name = 'YamlEditError'
}

/** Writes a path as people read it: `spec.generators[0].list`. */
export function formatPath(path: YamlPath): string {
  let out = ''
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part
  }
  return out || '(document root)'
}

/** Parses every document of a YAML stream; throws on a syntax error. */
export function parseDocuments(text: string): Document.Parsed[] {
  // Duplicate keys are the file's own business (an edit sets every copy);
  // checking them costs a fifth of the parse on large trees.
  const docs = parseAllDocuments(text, { uniqueKeys: false })
  // An empty stream parses to an empty list, or an EmptyStream in old versions.
  const list = Array.isArray(docs) ? docs : []
  for (const doc of list) {
    const error = doc.errors[0]
    if (error !== undefined) {
      throw new YamlEditError(`invalid YAML: ${error.message}`)
    }
  }
  return list
}

/**
 * Splices each scalar's new text into the original. A scalar that already
 * holds its value as a string is left alone, so a re-run changes nothing.
 */
export function applyEdits(
  text: string,
  edits: readonly ScalarEdit[],
  inserts: readonly KeyInsert[] = [],
): EditResult {
  const splices = new Map<number, Splice>()
  // An added line ends as the file's lines do.
  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  for (const insert of inserts) {
    const lineEnd = text.indexOf('\n', insert.at)
    let at = lineEnd === -1 ? text.length : lineEnd
    if (text[at - 1] === '\r') at--
    const value = scalarSource(insert.value)
    checkScalar(value, insert.value)
    const line = `${insert.indent}${insert.key}: ${value}`
    const before = splices.get(at)
    const source = `${before?.source ?? ''}${eol}${line}${lineEnd === -1 ? eol : ''}`
    const change = {
      path: insert.path ?? [insert.key],
      old: null,
      new: insert.value,
    }
    splices.set(at, {
      end: at,
      source,
      changes: [...(before?.changes ?? []), change],
    })
  }
  for (const { node, value, path } of edits) {
    let [start, end] = node.range ?? []
    if (start === undefined || end === undefined) {
      throw new YamlEditError('a scalar without a source position')
    }
    if (node.value === value && node.type !== 'PLAIN') continue
    if (node.value === value && isPlainSafe(value)) continue
    // A plain scalar's old value is its text: `0644`, not the number 644.
    const old =
      node.type === 'PLAIN' ? text.slice(start, end) : scalarText(node.value)
    let source = scalarSource(value, node.type, old ?? undefined)
    checkScalar(source, value)
    if (start === end) {
      // An empty value (`tag:`) sits where its comment starts; write the
      // value right after the indicator instead, space-separated.
      while (start > 0 && /[ \t]/.test(text[start - 1] ?? '')) start--
      end = start
      source = ` ${source}`
    }
    const earlier = splices.get(start)
    if (earlier !== undefined && earlier.source !== source) {
      throw new YamlEditError(
        `one scalar would be set to two values (${quote(value)})`,
      )
    }
    const change = { path: path ?? [], old, new: value }
    splices.set(start, { end, source, changes: earlier?.changes ?? [change] })
  }
  let out = text
  // From the end backwards, so earlier offsets stay valid.
  const ordered = [...splices].sort(([x], [y]) => y - x)
  for (const [start, { end, source }] of ordered) {
    out = out.slice(0, start) + source + out.slice(end)
  }
  const changes: ValueChange[] = []
  let shift = 0 // lines that splices before this one added
  for (const [start, splice] of ordered.reverse()) {
    const added = splice.end === start && /^\r?\n/.test(splice.source)
    const line = lineOf(text, start) + shift + (added ? 1 : 0)
    for (const change of splice.changes) {
      if (change.old === change.new) continue
      changes.push({ ...change, path: formatPath(change.path), line })
    }
    shift += newlines(splice.source) - newlines(text.slice(start, splice.end))
  }
  if (out === text) return { text, changed: false, changes: [] }
  return { text: out, changed: true, changes }
}

interface Splice {
  readonly end: number
  readonly source: string
  readonly changes: readonly {
    path: YamlPath
    old: string | null
    new: string
  }[]
}

/**
 * A written scalar must read back as its value, or the edit stops before
 * anything is written. The new text lies exactly where the parser said the
 * old scalar lay, so checking the scalar alone is what a re-parse of the
 * whole file would check, for a fraction of the time (the property tests
 * re-parse whole files to hold this up).
 */
function checkScalar(source: string, value: string): void {
  if (parse(source, { version: '1.2' }) !== value) {
    throw new YamlEditError(
      `cannot write ${quote(value)} as a YAML scalar that reads back the same`,
    )
  }
}

function newlines(text: string): number {
  return text.split('\n').length - 1
}

// The 1-based line an offset is on.
function lineOf(text: string, offset: number): number {
  let line = 1
  for (
    let i = text.indexOf('\n');
    i !== -1 && i < offset;
    i = text.indexOf('\n', i + 1)
  ) {
    line++
  }
  return line
}
