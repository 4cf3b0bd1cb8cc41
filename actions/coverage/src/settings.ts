import {
  ConfigError,
  booleanInput,
  choiceInput,
  lineListInput,
  optionalInput,
  workingDirectoryInput,
} from '../../../lib/runner/index.js'
import type { CoverageSettings } from './coverage.js'
import type { Minimums } from './gate.js'
import { parsePathMap } from './report-paths.js'

/** The reports read when the input is empty: jest's and vitest's lcov. */
export const DEFAULT_REPORTS = ['coverage/lcov.info']

/** The line minimum when min-lines is empty. */
export const DEFAULT_MIN_LINES = 80

/** The key prefix when baseline-key-prefix is empty. */
export const DEFAULT_KEY_PREFIX = 'cortex-coverage'

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(workspace: string | undefined): CoverageSettings {
  const reports = lineListInput('reports')
  const minLines = percentInput('min-lines') ?? DEFAULT_MIN_LINES
  const minimums: Minimums = {
    ...(minLines > 0 ? { lines: minLines } : {}),
    ...optionalMin('branches', percentInput('min-branches')),
    ...optionalMin('functions', percentInput('min-functions')),
    ...optionalMin('changedLines', percentInput('min-changed-lines')),
  }
  const diffBase = optionalInput('diff-base')
  return {
    root: workingDirectoryInput(workspace),
    reports: reports.length > 0 ? reports : DEFAULT_REPORTS,
    pathMap: parsePathMap(lineListInput('path-map')),
    minimums,
    allowEmpty: booleanInput('allow-empty', false),
    failBelowMin: booleanInput('fail-below-min', true),
    ...(diffBase === undefined ? {} : { diffBase }),
    baseline: choiceInput('baseline', ['auto', 'off'], 'auto') === 'auto',
    baselineKeyPrefix: keyPrefixInput(),
  }
}

/**
 * A percentage input from 0 to 100 (`80`, `72.5`, `80%`); undefined when
 * empty.
 */
export function percentInput(name: string): number | undefined {
  const value = optionalInput(name)
  if (value === undefined) return undefined
  const number = /^(\d+(?:\.\d+)?)\s*%?$/.exec(value)?.[1]
  if (number === undefined || Number(number) > 100) {
    throw new ConfigError(
      name,
      value,
      'a percentage from 0 to 100, such as `80` or `72.5`',
    )
  }
  return Number(number)
}

function optionalMin(
  key: keyof Minimums,
  value: number | undefined,
): Partial<Minimums> {
  return value === undefined ? {} : { [key]: value }
}

function keyPrefixInput(): string {
  const value = optionalInput('baseline-key-prefix') ?? DEFAULT_KEY_PREFIX
  // Cache keys refuse commas and stop at 512 characters; the branch and
  // the SHA take the rest.
  if (!/^[\w.-]{1,100}$/.test(value)) {
    throw new ConfigError(
      'baseline-key-prefix',
      value,
      'up to 100 letters, digits, `.`, `_` or `-`, such as `cortex-coverage-api`',
    )
  }
  return value
}
