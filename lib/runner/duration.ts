// Durations as people write them in a workflow: `30` (seconds), `500ms`,
// `45s`, `2m`, `1m30s`, `1h`.
import { ConfigError } from './config-error.js'
import { optionalInput } from './inputs.js'

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
}

/** Milliseconds in `text`, or undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1_000)
  const parts = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(value)
    ? [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
    : []
  if (parts.length === 0) return undefined
  let total = 0
  for (const [, amount, unit] of parts) {
    total += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 1_000)
  }
  return Math.round(total)
}

/**
 * A duration input in milliseconds, within [minMs, maxMs]; empty gives the
 * default. A bare number is seconds.
 */
export function durationInput(
  name: string,
  fallbackMs: number,
  minMs = 0,
  maxMs = 24 * 3_600_000,
): number {
  const value = optionalInput(name)
  if (value === undefined) return fallbackMs
  const ms = parseDuration(value)
  if (ms === undefined || ms < minMs || ms > maxMs) {
    throw new ConfigError(
      name,
      value,
      `a duration from ${spell(minMs)} to ${spell(maxMs)}: seconds (\`30\`) or with a unit (\`500ms\`, \`45s\`, \`2m\`, \`1h\`)`,
    )
  }
  return ms
}

function spell(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`
  if (ms % 1_000 === 0) return `${ms / 1_000}s`
  return `${ms}ms`
}
