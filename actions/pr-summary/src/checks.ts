// The checks' status shown in the comment, from two inputs a workflow has
// at hand: `checks`, the JSON of `needs` or `steps` (or a plain map of name
// → status), and `findings`, the JSON list lint writes to its `findings`
// output.
import { ConfigError } from '../../../lib/runner/index.js'

/** One check and how it ended: success, failure, cancelled, skipped… */
export interface CheckStatus {
  readonly name: string
  readonly status: string
}

/** One problem a check reported. */
export interface Finding {
  readonly message: string
  /** The rule or check that found it (`title`, `added-lines`). */
  readonly rule?: string
  readonly path?: string
  readonly line?: number
}

const CHECKS_SHAPE =
  'a JSON object of check → status: `${{ toJSON(needs) }}`, `${{ toJSON(steps) }}` or {"lint": "success"}'
const FINDINGS_SHAPE =
  "a JSON array of findings, each an object with a `message` (lint's `findings` output)"

/**
 * Reads the `checks` input. A value may be a status word, or an object
 * with `result` (a `needs` entry) or `conclusion`/`outcome` (a `steps`
 * entry; the conclusion counts, as it is what `continue-on-error` leaves).
 */
export function parseChecks(text: string | undefined): CheckStatus[] {
  if (text === undefined) return []
  const parsed = parseJson('checks', text, CHECKS_SHAPE)
  if (!isRecord(parsed)) throw new ConfigError('checks', text, CHECKS_SHAPE)
  return Object.entries(parsed).map(([name, value]) => {
    const status = statusOf(value)
    if (status === undefined) {
      throw new ConfigError(
        'checks',
        `${name}: ${JSON.stringify(value)}`,
        CHECKS_SHAPE,
      )
    }
    return { name, status }
  })
}

function statusOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (!isRecord(value)) return undefined
  for (const key of ['result', 'conclusion', 'outcome', 'status']) {
    const found = value[key]
    if (typeof found === 'string') return found
  }
  return undefined
}

/** Reads the `findings` input: lint's list, or any list of messages. */
export function parseFindings(text: string | undefined): Finding[] {
  if (text === undefined) return []
  const parsed = parseJson('findings', text, FINDINGS_SHAPE)
  if (!Array.isArray(parsed))
    throw new ConfigError('findings', text, FINDINGS_SHAPE)
  return parsed.map((item: unknown) => {
    if (!isRecord(item) || typeof item.message !== 'string') {
      throw new ConfigError('findings', JSON.stringify(item), FINDINGS_SHAPE)
    }
    const rule = firstString(item, ['rule', 'check', 'id'])
    const path = firstString(item, ['path', 'file'])
    const line = item.line
    return {
      message: item.message,
      ...(rule === undefined ? {} : { rule }),
      ...(path === undefined ? {} : { path }),
      ...(typeof line === 'number' ? { line } : {}),
    }
  })
}

const ICONS: Record<string, string> = {
  success: '✅',
  failure: '❌',
  cancelled: '🚫',
  skipped: '⏭️',
}

/** A status with its icon, for a table cell. */
export function statusText(status: string): string {
  const icon = ICONS[status.toLowerCase()]
  return icon === undefined ? status : `${icon} ${status}`
}

function parseJson(input: string, text: string, shape: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error: unknown) {
    const why = error instanceof Error ? error.message : String(error)
    throw new ConfigError(input, text, `${shape} (not JSON: ${why})`)
  }
}

function firstString(
  item: Record<string, unknown>,
  keys: string[],
): string | undefined {
  for (const key of keys) {
    const value = item[key]
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
