// A copy of examples/platform in a temp folder, with the hand-written
// workflows of ./fixtures as its .github, for tests that break one thing in
// it and look for the finding.
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { RULE_IDS } from '../src/rules.js'
import type { RuleLevels } from '../src/rules.js'
import { ruleLevels } from '../src/rules.js'
import { DEFAULT_FILES, DEFAULT_RESOURCES } from '../src/settings.js'
import type { Validation } from '../src/validate.js'
import { validateConfig } from '../src/validate.js'

/** examples/platform in this repository. */
export const PLATFORM = fileURLToPath(
  new URL('../../../examples/platform/', import.meta.url),
)
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))

/** A temp copy of the platform with the fixture workflows; remove it after. */
export function copyPlatform(): string {
  const dir = mkdtempSync(join(tmpdir(), 'validate-config-'))
  cpSync(PLATFORM, dir, { recursive: true })
  cpSync(join(FIXTURES, 'workflows'), join(dir, '.github', 'workflows'), {
    recursive: true,
  })
  cpSync(join(FIXTURES, 'actions'), join(dir, '.github', 'actions'), {
    recursive: true,
  })
  return dir
}

/** Removes a copy. */
export function removeCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}

/** Replaces `from`, which must occur exactly once, in a file of the copy. */
export function edit(
  dir: string,
  file: string,
  from: string,
  to: string,
): void {
  const path = join(dir, file)
  const text = readFileSync(path, 'utf8')
  const count = text.split(from).length - 1
  if (count !== 1) throw new Error(`${file} holds ${count} copies of ${from}`)
  writeFileSync(path, text.replace(from, to))
}

/** Writes a file of the copy. */
export function write(dir: string, file: string, text: string): void {
  writeFileSync(join(dir, file), text)
}

/** The 1-based line of the only line of a file that holds `text`. */
export function lineOf(dir: string, file: string, text: string): number {
  const lines = readFileSync(join(dir, file), 'utf8').split('\n')
  const found = lines.flatMap((line, i) => (line.includes(text) ? [i + 1] : []))
  if (found.length !== 1) {
    throw new Error(`${file} has ${found.length} lines holding ${text}`)
  }
  return found[0] ?? 0
}

/** The stage's checks with its default settings, over a folder. */
export function validate(
  root: string,
  options: { trusted?: string[] } = {},
): Validation {
  return validateConfig({
    root,
    files: DEFAULT_FILES,
    pods: { resources: DEFAULT_RESOURCES, startupProbe: false },
    pins: { trusted: options.trusted ?? ['actions/*'] },
  })
}

/** The default rule levels. */
export const DEFAULT_LEVELS: RuleLevels = ruleLevels(undefined)

/** Every rule switched to error, for tests of rules that are off by default. */
export const ALL_ON: RuleLevels = Object.fromEntries(
  RULE_IDS.map((id) => [id, 'error']),
) as RuleLevels
