// The `prometheus-queries` input: a YAML list of PromQL queries, each with
// the threshold its every sample must keep to.
import { ConfigError, quote } from '../../../lib/runner/index.js'
import { readYamlInput } from '../../../lib/yaml/index.js'

/** One query of the Prometheus gate. */
export interface PrometheusQuery {
  /** Unique; the check is `prometheus/<name>`. */
  readonly name: string
  /** PromQL giving an instant vector or a scalar. */
  readonly query: string
  /** Every sample must be below this. */
  readonly below?: number
  /** Every sample must be above this. */
  readonly above?: number
  /** An empty result counts as healthy (false by default). */
  readonly allowEmpty: boolean
}

const INPUT = 'prometheus-queries'
const SHAPE =
  'a YAML list of `{name, query, below}` or `{name, query, above}` entries'
const KEYS = new Set(['name', 'query', 'below', 'above', 'allow-empty'])
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/
// YAML's and Go's decimal numbers: 0.01, 500, 1e-3, -2.5.
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/

/** Reads the `prometheus-queries` input; a blank one holds no queries. */
export function parsePrometheusQueries(text: string): PrometheusQuery[] {
  if (text.trim() === '') return []
  // Every scalar comes as written, so `below: 0.010` and `allow-empty: yes`
  // are judged here rather than by YAML's guesses.
  const list = readYamlInput(INPUT, text, SHAPE)
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError(INPUT, text, SHAPE)
  }
  const names = new Set<string>()
  return list.map((item: unknown, i) => {
    const query = readQuery(item, i)
    if (names.has(query.name)) {
      throw new ConfigError(
        INPUT,
        query.name,
        `entry ${i + 1}: a name no other entry has`,
      )
    }
    names.add(query.name)
    return query
  })
}

function readQuery(item: unknown, index: number): PrometheusQuery {
  const bad = (expected: string): ConfigError =>
    new ConfigError(
      INPUT,
      JSON.stringify(item),
      `entry ${index + 1}: ${expected}`,
    )
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw bad(SHAPE)
  }
  const entry = item as Record<string, unknown>
  const unknown = Object.keys(entry).find((key) => !KEYS.has(key))
  if (unknown !== undefined) {
    throw bad(
      `only name, query, below, above and allow-empty, not ${quote(unknown)}`,
    )
  }
  const name = entry['name']
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw bad('a `name` of letters, digits and `_.:-`, such as error-rate')
  }
  const query = entry['query']
  if (typeof query !== 'string' || query.trim() === '') {
    throw bad('a `query` in PromQL')
  }
  const below = threshold(entry, 'below', bad)
  const above = threshold(entry, 'above', bad)
  if (below === undefined && above === undefined) {
    throw bad('a threshold: `below`, `above` or both')
  }
  if (below !== undefined && above !== undefined && above >= below) {
    throw bad(`\`above\` (${above}) less than \`below\` (${below})`)
  }
  return {
    name,
    query: query.trim(),
    ...(below === undefined ? {} : { below }),
    ...(above === undefined ? {} : { above }),
    allowEmpty: allowEmpty(entry['allow-empty'], bad),
  }
}

function threshold(
  entry: Record<string, unknown>,
  key: 'below' | 'above',
  bad: (expected: string) => ConfigError,
): number | undefined {
  const value = entry[key]
  if (value === undefined) return undefined
  const number =
    typeof value === 'string' && NUMBER.test(value) ? Number(value) : NaN
  if (!Number.isFinite(number)) {
    throw bad(`\`${key}\` as a number, such as 0.01 or 500`)
  }
  return number
}

function allowEmpty(
  value: unknown,
  bad: (expected: string) => ConfigError,
): boolean {
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  throw bad('`allow-empty` as true or false')
}
