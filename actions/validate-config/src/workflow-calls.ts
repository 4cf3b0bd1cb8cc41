// Rule workflow-call: jobs that call a reusable workflow of this repository
// (`./.github/workflows/x.yaml`, or `<owner>/<repo>/…@ref` naming this
// repository) against what that workflow declares under on.workflow_call:
// required inputs and secrets passed, no unknown names, literal values of
// the declared type. Calls into other repositories are not resolved.
import { existsSync, readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import type { Finding } from './findings.js'
import { findingAt } from './findings.js'
import { parseFile } from './load.js'
import type { Dict, Doc, YamlFile } from './yaml-source.js'
import { dict, get, isDict } from './yaml-source.js'

/** Where reusable workflows are found. */
export interface CallContext {
  readonly root: string
  /** `owner/repo` of the repository checked, when known. */
  readonly repository?: string
  readonly files: readonly YamlFile[]
}

/** Every workflow-call finding of one workflow document. */
export function callFindings(doc: Doc, context: CallContext): Finding[] {
  const findings: Finding[] = []
  for (const [id, job] of Object.entries(dict(doc.value, 'jobs') ?? {})) {
    const uses = get(job, 'uses')
    if (typeof uses !== 'string') continue
    const path = localPath(uses, context.repository)
    if (path === undefined) continue
    const report = (at: (string | number)[], message: string): void => {
      findings.push(
        findingAt(
          'workflow-call',
          doc,
          ['jobs', id, ...at],
          `job ${id}: ${message}`,
        ),
      )
    }
    const callee = calleeDoc(path, context)
    if (callee === undefined) {
      if (uses.startsWith('./')) report(['uses'], `${uses} does not exist`)
      continue
    }
    if (callee === 'unparsed') continue
    const declared = workflowCall(callee.value)
    if (declared === undefined) {
      report(
        ['uses'],
        `${uses} has no on.workflow_call, so it cannot be called`,
      )
      continue
    }
    const inputs = lowerKeys(dict(declared, 'inputs'))
    const given = lowerKeys(dict(job, 'with'))
    for (const [name, spec] of inputs) {
      if (get(spec.value, 'required') === true && !given.has(name)) {
        report(
          ['uses'],
          `${uses} requires input ${spec.key}, which is not passed`,
        )
      }
    }
    for (const [name, value] of given) {
      const spec = inputs.get(name)
      if (spec === undefined) {
        const known =
          [...inputs.values()].map((i) => i.key).join(', ') || 'none'
        report(
          ['with', value.key],
          `${uses} has no input ${value.key} (its inputs: ${known})`,
        )
        continue
      }
      const problem = typeProblem(get(spec.value, 'type'), value.value)
      if (problem !== undefined)
        report(['with', value.key], `input ${value.key}: ${problem}`)
    }
    const passed = get(job, 'secrets')
    if (passed === 'inherit') continue
    const secrets = lowerKeys(dict(declared, 'secrets'))
    const passedSecrets = lowerKeys(isDict(passed) ? passed : undefined)
    for (const [name, spec] of secrets) {
      if (get(spec.value, 'required') === true && !passedSecrets.has(name)) {
        report(
          ['uses'],
          `${uses} requires secret ${spec.key}, which is not passed`,
        )
      }
    }
    for (const [name, value] of passedSecrets) {
      if (secrets.has(name)) continue
      const known = [...secrets.values()].map((s) => s.key).join(', ') || 'none'
      report(
        ['secrets', value.key],
        `${uses} has no secret ${value.key} (its secrets: ${known})`,
      )
    }
  }
  return findings
}

/** The repository path a `uses:` of a reusable workflow names, when local. */
export function localPath(
  uses: string,
  repository?: string,
): string | undefined {
  if (uses.startsWith('./')) return posix.normalize(uses.slice(2))
  const match = /^([^/@]+\/[^/@]+)\/([^@]+)@.+$/.exec(uses)
  if (match === null || repository === undefined) return undefined
  if ((match[1] ?? '').toLowerCase() !== repository.toLowerCase())
    return undefined
  return posix.normalize(match[2] ?? '')
}

function calleeDoc(
  path: string,
  context: CallContext,
): Doc | 'unparsed' | undefined {
  let file = context.files.find((f) => f.path === path)
  if (file === undefined) {
    // Outside the globs checked, but still in the repository.
    const full = join(context.root, path)
    if (!existsSync(full)) return undefined
    file = parseFile(context.root, path, readFileSync(full, 'utf8')).file
  }
  return file.parsed ? (file.docs[0] ?? 'unparsed') : 'unparsed'
}

/** on.workflow_call of a workflow: a map (maybe empty), or undefined when absent. */
export function workflowCall(value: unknown): Dict | undefined {
  const on = get(value, 'on')
  if (on === 'workflow_call') return {}
  if (Array.isArray(on)) return on.includes('workflow_call') ? {} : undefined
  if (!isDict(on) || !('workflow_call' in on)) return undefined
  return dict(on, 'workflow_call') ?? {}
}

/** A map keyed by lower-cased name (GitHub compares names so), keeping the written key. */
function lowerKeys(
  map: Dict | undefined,
): Map<string, { key: string; value: unknown }> {
  return new Map(
    Object.entries(map ?? {}).map(([key, value]) => [
      key.toLowerCase(),
      { key, value },
    ]),
  )
}

/** Why a literal does not fit an input type; expressions are known only at run time. */
export function typeProblem(type: unknown, value: unknown): string | undefined {
  if (typeof value === 'string' && value.includes('${{')) return undefined
  const got =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? 'a map'
          : `${JSON.stringify(value)} (a ${typeof value})`
  if (type === 'boolean' && typeof value !== 'boolean')
    return `expected a boolean, got ${got}`
  if (type === 'number' && typeof value !== 'number')
    return `expected a number, got ${got}`
  if (type === 'string' && (value === null || typeof value === 'object')) {
    return `expected a string, got ${got}`
  }
  return undefined
}
