// The two files that keep known findings from failing a run: the ignore
// file, written by people (path globs, fingerprints, `rule:<id>`), and the
// baseline, written by `write-baseline` (the fingerprints of the findings
// there were when it was written). Neither ever holds a secret.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { globListMatcher } from '../../../lib/files/index.js'
import { ConfigError, errorMessage } from '../../../lib/runner/index.js'

/** What the ignore file lets pass. */
export interface IgnoreList {
  /** Whether a repository path is ignored. */
  readonly path: (path: string) => boolean
  readonly fingerprints: ReadonlySet<string>
  readonly rules: ReadonlySet<string>
}

/** An ignore list that ignores nothing. */
export const NOTHING_IGNORED: IgnoreList = {
  path: () => false,
  fingerprints: new Set(),
  rules: new Set(),
}

const FINGERPRINT = /^[0-9a-f]{32}$/

/**
 * Reads the ignore file: one entry a line, `#` comments. A 32-hex-digit
 * fingerprint ignores that finding, `rule:<id>` a whole rule, anything else
 * is a path glob (`tests/fixtures/**`, `!` to take one back).
 */
export function parseIgnoreFile(
  text: string,
  knownRules: readonly string[],
): IgnoreList {
  const globs: string[] = []
  const fingerprints = new Set<string>()
  const rules = new Set<string>()
  for (const raw of text.split('\n')) {
    const entry = raw.trim()
    if (entry === '' || entry.startsWith('#')) continue
    if (FINGERPRINT.test(entry)) fingerprints.add(entry)
    else if (entry.startsWith('rule:')) {
      const id = entry.slice(5).trim()
      if (!knownRules.includes(id)) {
        throw new ConfigError(
          'ignore-file',
          entry,
          `rule:<id> with one of the rules: ${knownRules.join(', ')}`,
        )
      }
      rules.add(id)
    } else globs.push(entry)
  }
  let path: (path: string) => boolean
  try {
    path = globs.length === 0 ? () => false : globListMatcher(globs)
  } catch (error: unknown) {
    throw new ConfigError(
      'ignore-file',
      errorMessage(error),
      'path globs, 32-hex-digit fingerprints or rule:<id>, one a line',
    )
  }
  return { path, fingerprints, rules }
}

/** One baseline entry: what a finding was, redacted. */
export interface BaselineEntry {
  readonly fingerprint: string
  readonly rule: string
  readonly path: string
  /** At most four characters of the secret and `****`. */
  readonly redacted: string
}

/** The fingerprints of a baseline file; none when the file is absent. */
export function readBaseline(file: string, input: string): Set<string> {
  if (!existsSync(file)) return new Set()
  const expected =
    'a JSON baseline as write-baseline writes it: {"version": 1, "findings": [{"fingerprint": …}]}'
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error: unknown) {
    throw new ConfigError(input, `${file}: ${errorMessage(error)}`, expected)
  }
  const findings =
    typeof parsed === 'object' && parsed !== null && 'findings' in parsed
      ? parsed.findings
      : undefined
  if (!Array.isArray(findings)) throw new ConfigError(input, file, expected)
  const fingerprints = new Set<string>()
  for (const entry of findings as unknown[]) {
    const value =
      typeof entry === 'object' && entry !== null && 'fingerprint' in entry
        ? entry.fingerprint
        : undefined
    if (typeof value !== 'string' || !FINGERPRINT.test(value)) {
      throw new ConfigError(
        input,
        `${file}: ${JSON.stringify(entry)}`,
        expected,
      )
    }
    fingerprints.add(value)
  }
  return fingerprints
}

/** Writes a baseline of these entries, sorted so a diff of it reads well. */
export function writeBaseline(
  file: string,
  entries: readonly BaselineEntry[],
): void {
  const unique = new Map(entries.map((e) => [e.fingerprint, e]))
  const findings = [...unique.values()].sort(
    (a, b) =>
      a.path.localeCompare(b.path) ||
      a.rule.localeCompare(b.rule) ||
      a.fingerprint.localeCompare(b.fingerprint),
  )
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(
    file,
    `${JSON.stringify({ version: 1, tool: 'cortex-secret-scan', findings }, null, 2)}\n`,
  )
}
