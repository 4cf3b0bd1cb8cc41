// Every input of lint, read once into one typed, read-only object and
// checked, so a mistake is a ConfigError before any check runs.
import {
  ConfigError,
  booleanInput,
  choiceInput,
  integerInput,
  lineListInput,
  listInput,
  multilineInput,
  optionalInput,
  secretInput,
  workingDirectoryInput,
} from '../../../lib/runner/index.js'
import type { CheckName } from './findings.js'
import { CHECKS } from './findings.js'
import type { LintRules } from './lint.js'
import type { LocalSettings } from './local-source.js'
import {
  DEFAULT_BRANCH_EXEMPT,
  DEFAULT_CODE_EXTENSIONS,
  DEFAULT_EXCLUDE,
  DEFAULT_FORBIDDEN,
  DEFAULT_TYPES,
  forbiddenPatterns,
  globsInput,
  nameRules,
  regexInput,
  splitPatterns,
} from './rule-inputs.js'
import type { WipPolicy } from './title-check.js'

/** Whether findings fail the step or only warn. */
export type FailOn = 'error' | 'never'

/** Every input of lint, read and checked. */
export interface LintSettings {
  /** Masked when read; only Octokit sees it. */
  readonly token?: string
  readonly apiUrl: string
  readonly rules: LintRules
  readonly failOn: FailOn
  /** For a run outside a pull request. */
  readonly local: LocalSettings
  /** The repository checked locally. */
  readonly workingDirectory: string
}

/** The runner's variables the settings draw on. */
export interface SettingsContext {
  readonly apiUrl?: string
  readonly workspace?: string
}

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(ctx: SettingsContext): LintSettings {
  const token = secretInput('token')
  const checks = readChecks()
  const branchPattern = optionalInput('branch-pattern')
  if (branchPattern === undefined && checks.given && checks.set.has('branch')) {
    throw new ConfigError(
      'branch-pattern',
      '',
      'a regular expression for head branches, since checks names branch',
    )
  }
  const types = patternList('types')
  const scopes = patternList('scopes')
  const forbidden = lineListInput('forbidden-patterns')
  const extensions = listInput('code-extensions').map((e) =>
    e.replace(/^\*?\./, '').toLowerCase(),
  )
  const exclude = lineListInput('exclude')
  const exempt = lineListInput('branch-exempt')
  const rules: LintRules = {
    checks: checks.set,
    title: {
      ...(types.length > 0
        ? { types: nameRules('types', types, true) }
        : { types: DEFAULT_TYPES }),
      ...(scopes.length > 0 && { scopes: nameRules('scopes', scopes, false) }),
      requireScope: booleanInput('require-scope', false),
      wip: choiceInput<WipPolicy>('wip', ['fail', 'pending'], 'fail'),
    },
    description: {
      minLines: integerInput('min-description-lines', 1, 0, 1000),
      allowIssueRefOnly: booleanInput('allow-issue-ref-only', false),
      breakingLabels: nonEmpty(listInput('breaking-labels'), ['breaking']),
    },
    branch: {
      ...(branchPattern !== undefined && {
        pattern: {
          source: branchPattern,
          regex: regexInput('branch-pattern', branchPattern),
        },
      }),
      exempt: globsInput(
        'branch-exempt',
        nonEmpty(exempt, DEFAULT_BRANCH_EXEMPT),
      ),
    },
    addedLines: {
      forbidden: forbiddenPatterns(
        'forbidden-patterns',
        nonEmpty(forbidden, DEFAULT_FORBIDDEN),
      ),
      extensions: nonEmpty(extensions, DEFAULT_CODE_EXTENSIONS),
      exclude: globsInput('exclude', nonEmpty(exclude, DEFAULT_EXCLUDE)),
    },
  }
  const title = optionalInput('title')
  const description = multilineInput('description')
  const headRef = optionalInput('head-ref')
  return {
    ...(token !== undefined && { token }),
    apiUrl: ctx.apiUrl ?? 'https://api.github.com',
    rules,
    failOn: choiceInput<FailOn>('fail-on', ['error', 'never'], 'error'),
    local: {
      ...(title !== undefined && { title }),
      ...(description !== undefined && { description }),
      ...(headRef !== undefined && { headRef }),
      baseRef: optionalInput('base-ref') ?? 'origin/main',
    },
    workingDirectory: workingDirectoryInput(ctx.workspace),
  }
}

function readChecks(): { set: ReadonlySet<CheckName>; given: boolean } {
  const names = listInput('checks')
  if (names.length === 0) return { set: new Set(CHECKS), given: false }
  const set = new Set<CheckName>()
  for (const name of names) {
    const check = CHECKS.find((c) => c === name)
    if (check === undefined) {
      throw new ConfigError('checks', name, `any of ${CHECKS.join(', ')}`)
    }
    set.add(check)
  }
  return { set, given: true }
}

function patternList(name: string): string[] {
  return splitPatterns(optionalInput(name) ?? '')
}

function nonEmpty<T>(items: readonly T[], fallback: readonly T[]): T[] {
  return [...(items.length > 0 ? items : fallback)]
}
