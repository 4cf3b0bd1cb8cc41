// Checks a SARIF log the way GitHub code scanning would take it: valid
// against the SARIF 2.1.0 JSON schema, and within the rules the upload adds
// on top (repository-relative URIs, known rules, fingerprints, a location for
// every result, the result limit, one run per tool and category).
import { readFileSync } from 'node:fs'
import { expect } from '@jest/globals'
import * as draft04 from 'ajv-draft-04'
import * as formats from 'ajv-formats'
import type { ErrorObject, ValidateFunction } from 'ajv-draft-04'

/** Code scanning refuses a run with more results than this. */
export const MAX_RESULTS_PER_RUN = 25_000

// The vendored schema is draft-04 (see sarif-schema-2.1.0.md), so the ajv
// build for draft-04 reads it; formats (uri, date-time) are checked too. Its
// pattern for `language` has a stray `]` that a `u`-flag RegExp refuses, so
// patterns are compiled without the flag, as draft-04 validators did.
// Both packages are CommonJS whose module.exports is the thing itself, with
// a `default` property pointing back at it: under NodeNext the namespace's
// default is module.exports, so the class and the plugin are one more
// `.default` down, at run time as in the types.
const Ajv = draft04.default.default
const addFormats = formats.default.default

let validator: ValidateFunction | undefined

function schemaValidator(): ValidateFunction {
  if (validator === undefined) {
    const schema = JSON.parse(
      readFileSync(
        new URL('./sarif-schema-2.1.0.json', import.meta.url),
        'utf8',
      ),
    ) as object
    const ajv = new Ajv({
      allErrors: true,
      strict: false,
      unicodeRegExp: false,
    })
    addFormats(ajv)
    validator = ajv.compile(schema)
  }
  return validator
}

/** Every way `log` would be refused; empty when code scanning takes it. */
export function sarifProblems(log: unknown): string[] {
  const validate = schemaValidator()
  if (!validate(log)) return (validate.errors ?? []).map(describeError)
  const problems: string[] = []
  const runs = (log as { runs?: Run[] | null }).runs ?? []
  const seen = new Set<string>()
  runs.forEach((run, r) => {
    const tool = run.tool.driver.name
    const key = `${tool}\u0000${run.automationDetails?.id ?? ''}`
    if (seen.has(key)) {
      problems.push(`runs[${r}]: a second run of ${tool} in one category`)
    }
    seen.add(key)
    problems.push(...runProblems(run, `runs[${r}]`))
  })
  return problems
}

/** Asserts that code scanning would take `log`, listing why not. */
export function expectValidSarif(log: unknown): void {
  expect(sarifProblems(log)).toEqual([])
}

interface Run {
  tool: { driver: { name: string; rules?: { id: string }[] } }
  automationDetails?: { id?: string }
  results?: Result[] | null
}

interface Result {
  ruleId?: string
  ruleIndex?: number
  rule?: { id?: string; index?: number }
  locations?: {
    physicalLocation?: { artifactLocation?: { uri?: string } }
  }[]
  partialFingerprints?: Record<string, string>
}

function runProblems(run: Run, where: string): string[] {
  const problems: string[] = []
  const rules = (run.tool.driver.rules ?? []).map((rule) => rule.id)
  const results = run.results ?? []
  if (results.length > MAX_RESULTS_PER_RUN) {
    problems.push(
      `${where}: ${results.length} results, more than ${MAX_RESULTS_PER_RUN}`,
    )
  }
  results.forEach((result, i) => {
    const at = `${where}.results[${i}]`
    const id = result.ruleId ?? result.rule?.id
    if (id === undefined) problems.push(`${at}: no ruleId`)
    else if (!rules.includes(id)) {
      problems.push(`${at}: rule ${id} is not in the driver's rules`)
    }
    const index = result.ruleIndex ?? result.rule?.index
    if (index !== undefined && rules[index] !== id) {
      problems.push(`${at}: ruleIndex ${index} does not name ${id}`)
    }
    if (Object.keys(result.partialFingerprints ?? {}).length === 0) {
      problems.push(`${at}: no partialFingerprints`)
    }
    const locations = result.locations ?? []
    if (locations.length === 0) problems.push(`${at}: no location`)
    locations.forEach((location, l) => {
      const uri = location.physicalLocation?.artifactLocation?.uri
      const why = uri === undefined ? 'no artifact URI' : uriProblem(uri)
      if (why !== undefined) problems.push(`${at}.locations[${l}]: ${why}`)
    })
  })
  return problems
}

/** Why `uri` is not a repository-relative URI, or undefined when it is. */
export function uriProblem(uri: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return `${uri} has a scheme`
  if (uri.startsWith('/')) return `${uri} is absolute`
  if (uri === '') return 'an empty URI'
  const parts = uri.split('/').map((part) => safeDecode(part))
  if (parts.some((part) => part === '..' || part === '.')) {
    return `${uri} has a . or .. part`
  }
  if (parts.some((part) => part.includes('\\'))) {
    return `${uri} has a backslash`
  }
  return undefined
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

function describeError(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`
}
