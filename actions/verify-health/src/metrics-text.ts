// Whether a /metrics body is in the Prometheus text exposition format
// (https://prometheus.io/docs/instrumenting/exposition_formats/), so a
// target can check that a scrape would work, not only that it answers.

/** What a metrics body holds, or the first line that is not the format. */
export type MetricsText =
  { ok: true; samples: number } | { ok: false; problem: string }

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*'
const LABEL = '[a-zA-Z_][a-zA-Z0-9_]*\\s*=\\s*"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"'
const LABELS = `\\{\\s*(?:${LABEL}(?:\\s*,\\s*${LABEL})*\\s*,?\\s*)?\\}`
// Go's ParseFloat, as Prometheus reads values: NaN and ±Inf included.
const VALUE = '[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?Inf|NaN'
const SAMPLE = new RegExp(
  `^(${NAME})\\s*(?:${LABELS})?[ \\t]+(?:${VALUE})(?:[ \\t]+-?\\d+)?[ \\t]*$`,
)
const HELP = new RegExp(`^#[ \\t]+HELP[ \\t]+(${NAME})(?:[ \\t].*)?$`)
const TYPE = new RegExp(`^#[ \\t]+TYPE[ \\t]+(${NAME})[ \\t]+(\\S+)[ \\t]*$`)
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped']

/**
 * Checks `body` line by line: samples, `# HELP` and `# TYPE` lines (a
 * known type, once per metric), other comments and blank lines. It must
 * hold at least one sample.
 */
export function checkMetricsText(body: string): MetricsText {
  let samples = 0
  const typed = new Set<string>()
  const lines = body.split('\n')
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '')
    const problem = lineProblem(line, typed)
    if (problem === 'sample') samples += 1
    else if (problem !== undefined) {
      return { ok: false, problem: `line ${i + 1}: ${problem}` }
    }
  }
  if (samples === 0) return { ok: false, problem: 'no samples' }
  return { ok: true, samples }
}

// 'sample' for a sample, undefined for a good comment or a blank line,
// else what is wrong with it.
function lineProblem(line: string, typed: Set<string>): string | undefined {
  if (line.trim() === '') return undefined
  if (!line.startsWith('#')) {
    return SAMPLE.test(line) ? 'sample' : `not a sample: ${excerpt(line)}`
  }
  const word = /^#[ \t]+(\S+)/.exec(line)?.[1]
  if (word === 'HELP' && !HELP.test(line))
    return 'a HELP line without a metric name'
  if (word !== 'TYPE') return undefined
  const type = TYPE.exec(line)
  if (type === null) return 'a TYPE line without a metric name and type'
  const [, name = '', kind = ''] = type
  if (!TYPES.includes(kind)) return `unknown metric type ${excerpt(kind)}`
  if (typed.has(name)) return `a second TYPE line for ${name}`
  typed.add(name)
  return undefined
}

// A line quoted short: a body is not for the log.
function excerpt(text: string): string {
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text
  return JSON.stringify(cut)
}
