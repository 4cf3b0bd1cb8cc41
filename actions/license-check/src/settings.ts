import * as core from '@actions/core'
import {
  ConfigError,
  booleanInput,
  insidePath,
  listInput,
  optionalInput,
} from '../../../lib/runner/index.js'
import type { PolicyEntry, PolicyProblem } from '../../../lib/spdx/index.js'
import { either, readPolicyList } from '../../../lib/spdx/index.js'
import type { PackageAllowance } from './allow-packages.js'
import { readAllowance } from './allow-packages.js'

/** Every input of license-check, read once and checked. */
export interface LicenseCheckSettings {
  /** The repository's folder on the runner. */
  readonly workspace: string
  /** Repository-relative path of package-lock.json. */
  readonly lockFile: string
  readonly includeDev: boolean
  readonly allow: readonly PolicyEntry[]
  readonly deny: readonly PolicyEntry[]
  /** Entries read with a correction (case, deprecated id), for a warning. */
  readonly policyNotes: readonly string[]
  readonly allowPackages: readonly PackageAllowance[]
  readonly acceptGuessed: boolean
  readonly warnOnly: boolean
  /** Repository-relative path the SARIF log is written to. */
  readonly sarifFile: string
}

/**
 * Entries of `allow` and `deny` that are not SPDX ids, all of them in one
 * message, each with what it may have meant.
 */
export class LicenseListError extends ConfigError {
  constructor(problems: readonly (PolicyProblem & { input: string })[]) {
    const inputs = [...new Set(problems.map((p) => p.input))]
    const expected =
      'SPDX license ids (https://spdx.org/licenses/), a family wildcard written out (`BSD-*`) or one exact `X WITH Y`'
    super(inputs.join(', '), problems.map((p) => p.entry).join('; '), expected)
    const lines = problems.map((p) => {
      const hint = p.suggestions.length
        ? `; did you mean ${either(p.suggestions)}?`
        : ''
      return `  ${p.input}: "${p.entry}": ${p.reason}${hint}`
    })
    const names = inputs.map((name) => `'${name}'`).join(' and ')
    this.message = [
      `input${inputs.length > 1 ? 's' : ''} ${names}: ${problems.length} ${problems.length === 1 ? 'entry is' : 'entries are'} not valid:`,
      ...lines,
      `expected ${expected}`,
    ].join('\n')
  }
}

/** Reads and checks every input; the lists are checked in full first. */
export function readSettings(
  workspace: string | undefined,
): LicenseCheckSettings {
  const allow = readPolicyList(licenseList('allow'))
  const deny = readPolicyList(licenseList('deny'))
  const problems = [
    ...allow.problems.map((p) => ({ ...p, input: 'allow' })),
    ...deny.problems.map((p) => ({ ...p, input: 'deny' })),
  ]
  if (problems.length > 0) throw new LicenseListError(problems)
  const allowPackages = listInput('allow-packages').map((entry) => {
    const read = readAllowance(entry)
    if (typeof read === 'string') {
      throw new ConfigError(
        'allow-packages',
        entry,
        `a package name, or name@range with a semver range (\`left-pad\`, \`@scope/pkg@^2.1.0\`): ${read}`,
      )
    }
    return read
  })
  return {
    workspace: workspace ?? process.cwd(),
    lockFile: insidePath(
      'lock-file',
      optionalInput('lock-file') ?? 'package-lock.json',
    ),
    includeDev: booleanInput('include-dev', false),
    allow: allow.entries,
    deny: deny.entries,
    policyNotes: [...allow.notes, ...deny.notes],
    allowPackages,
    acceptGuessed: booleanInput('accept-guessed', false),
    warnOnly: booleanInput('warn-only', false),
    sarifFile: insidePath(
      'sarif-file',
      optionalInput('sarif-file') ?? 'license-check.sarif',
    ),
  }
}

// License lists are also written `MIT; ISC`, as license-checker takes them.
function licenseList(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '' && !item.startsWith('#'))
}
