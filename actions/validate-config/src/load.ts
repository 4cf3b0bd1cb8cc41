// Finds the YAML files under the configured globs, parses each once with
// line positions, and says what each file is. Syntax errors and duplicate
// keys are the first findings: a file with either gets no other checks.
import { existsSync, readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { LineCounter, parseAllDocuments } from 'yaml'
import type { Document } from 'yaml'
import { expandGlob, globListMatcher } from '../../../lib/files/index.js'
import { errorMessage } from '../../../lib/runner/index.js'
import type { Finding } from './findings.js'
import type { Doc, FileKind, YamlFile } from './yaml-source.js'
import { isDict } from './yaml-source.js'

/** The files found and what their parsing found. */
export interface LoadResult {
  readonly files: YamlFile[]
  readonly findings: Finding[]
}

/** The files under `globs` (`!` excludes) below `root`, sorted. */
export function findFiles(root: string, globs: readonly string[]): string[] {
  const keep = globListMatcher(globs)
  const found = new Set<string>()
  for (const glob of globs.filter((g) => !g.startsWith('!'))) {
    for (const path of expandGlob(glob, root)) if (keep(path)) found.add(path)
  }
  return [...found].sort()
}

/** Reads and parses every file under `globs`. */
export function loadFiles(root: string, globs: readonly string[]): LoadResult {
  const files: YamlFile[] = []
  const findings: Finding[] = []
  for (const path of findFiles(root, globs)) {
    const text = readFileSync(join(root, path), 'utf8')
    const { file, problems } = parseFile(root, path, text)
    files.push(file)
    findings.push(...problems)
  }
  return { files, findings }
}

/** Parses one file's text; `root` is only asked whether a Chart.yaml is near. */
export function parseFile(
  root: string,
  path: string,
  text: string,
): { file: YamlFile; problems: Finding[] } {
  const lines = new LineCounter()
  const parsed = parseAllDocuments(text, {
    lineCounter: lines,
    uniqueKeys: true,
  })
  // An empty stream parses to an empty list (an EmptyStream in old versions).
  const nodes: Document.Parsed[] = Array.isArray(parsed) ? parsed : []
  const problems: Finding[] = []
  const docs: Doc[] = []
  const values: unknown[] = []
  for (const node of nodes) {
    for (const error of node.errors) {
      const [start] = error.linePos ?? []
      const duplicate = error.code === 'DUPLICATE_KEY'
      problems.push({
        rule: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
        file: path,
        line: start?.line ?? 1,
        column: start?.col ?? 1,
        message: firstLine(error.message),
      })
    }
    if (node.errors.length > 0) continue
    try {
      values.push(node.toJS({ maxAliasCount: 1000 }))
    } catch (error: unknown) {
      // An alias expanding past the limit, say.
      const offset = node.contents?.range?.[0] ?? 0
      const { line, col } = lines.linePos(offset)
      problems.push({
        rule: 'yaml-syntax',
        file: path,
        line,
        column: col,
        message: errorMessage(error),
      })
    }
  }
  const ok = problems.length === 0
  const kind = classify(root, path, ok ? values : [])
  const file: YamlFile = { path, text, kind, docs, lines, parsed: ok }
  if (ok) {
    nodes.forEach((node, index) => {
      if (values[index] === null || values[index] === undefined) return
      docs.push({ file, index, node, value: values[index] })
    })
  }
  return { file, problems }
}

/** The message of a yaml error without its position and source excerpt. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message
  return line.replace(/ at line \d+, column \d+:?$/, '')
}

const KUSTOMIZATION = /^(kustomization\.ya?ml|Kustomization)$/

/** What a file is, from its name first and its content second. */
export function classify(
  root: string,
  path: string,
  values: readonly unknown[],
): FileKind {
  const name = posix.basename(path)
  const dir = posix.dirname(path)
  if (/^action\.ya?ml$/.test(name)) return 'action'
  if (/(^|\/)\.github\/workflows\/[^/]+$/.test(path)) return 'workflow'
  if (KUSTOMIZATION.test(name)) return 'kustomization'
  if (name === 'Chart.yaml') return 'chart'
  if (
    /^values.*\.ya?ml$/.test(name) &&
    existsSync(join(root, dir, 'Chart.yaml'))
  ) {
    return 'helm-values'
  }
  const [first] = values
  if (isDict(first) && isDict(first['jobs']) && 'on' in first) return 'workflow'
  if (
    isDict(first) &&
    (first['kind'] === 'Kustomization' || first['kind'] === 'Component') &&
    String(first['apiVersion']).startsWith('kustomize.config.k8s.io/')
  ) {
    return 'kustomization'
  }
  return 'manifests'
}
