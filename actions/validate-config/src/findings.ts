// A finding: which rule, where, and what is wrong, said so the reader can
// fix it without opening the rule's documentation.
import type { RuleId } from './rules.js'
import type { Doc, Path, Position, YamlFile } from './yaml-source.js'
import { locate, positionOf } from './yaml-source.js'

/** One problem found, before rule levels apply. */
export interface Finding {
  readonly rule: RuleId
  /** `/`-separated, relative to the folder checked. */
  readonly file: string
  readonly line: number
  readonly column: number
  readonly message: string
}

/** A finding at the field `path` of a document. */
export function findingAt(
  rule: RuleId,
  doc: Doc,
  path: Path,
  message: string,
): Finding {
  return at(rule, doc.file, locate(doc, path), message)
}

/** A finding at an offset of a file. */
export function findingAtOffset(
  rule: RuleId,
  file: YamlFile,
  offset: number,
  message: string,
): Finding {
  return at(rule, file, positionOf(file, offset), message)
}

/** A finding at a position of a file. */
export function at(
  rule: RuleId,
  file: YamlFile,
  position: Position,
  message: string,
): Finding {
  return {
    rule,
    file: file.path,
    line: position.line,
    column: position.column,
    message,
  }
}

/** How a document names itself in a message: `Deployment cortex-dashboard`. */
export function describeDoc(doc: Doc): string {
  const value = doc.value as { kind?: unknown; metadata?: { name?: unknown } }
  const kind = typeof value?.kind === 'string' ? value.kind : 'document'
  const name = value?.metadata?.name
  return typeof name === 'string' ? `${kind} ${name}` : kind
}

/** Findings in file, line and column order, then by rule. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.rule.localeCompare(b.rule),
  )
}
