import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  ConfigError,
  ContextError,
  booleanInput,
  integerInput,
  lineListInput,
  multilineInput,
  optionalInput,
  secretInput,
} from '../../../lib/runner/index.js'
import type { SizeRules } from './changes.js'
import type { CheckStatus, Finding } from './checks.js'
import { parseChecks, parseFindings } from './checks.js'
import type { ComponentRule } from './components.js'
import { parseComponents } from './components.js'
import { parseThresholds } from './size.js'

/** Every input of pr-summary, read once and checked. */
export interface PrSummarySettings {
  /** Masked as soon as it is read. */
  readonly token: string
  readonly apiUrl: string
  readonly owner: string
  readonly repo: string
  /** Tells several summaries on one pull request apart. */
  readonly id: string
  readonly components: readonly ComponentRule[]
  readonly size: SizeRules
  /** The coverage stage's Markdown table. */
  readonly coverage?: string
  readonly checks: readonly CheckStatus[]
  readonly findings: readonly Finding[]
  /** A saved summary to post instead of rendering one. */
  readonly fromFile?: string
  /** Where the rendered summary is saved. */
  readonly summaryFile: string
  /** Retries of a 5xx or rate-limited request; 0 turns retrying off. */
  readonly apiRetries: number
  readonly dryRun: boolean
}

/** The runner's variables the settings draw on. */
export interface RunnerContext {
  readonly repository?: string
  readonly apiUrl?: string
  readonly workspace?: string
  readonly runnerTemp?: string
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(ctx: RunnerContext): PrSummarySettings {
  const token = secretInput('token')
  if (token === undefined) {
    throw new ConfigError(
      'token',
      '',
      'a token that can read the pull request (`${{ github.token }}`, the default)',
    )
  }
  const [owner = '', repo = ''] = (ctx.repository ?? '').split('/')
  if (owner === '' || repo === '') {
    throw new ContextError(
      'GITHUB_REPOSITORY',
      ctx.repository ?? '',
      'owner/name',
    )
  }
  const id = optionalInput('id') ?? 'main'
  if (!ID.test(id)) {
    throw new ConfigError(
      'id',
      id,
      'letters, digits, `.`, `_` and `-`, up to 64, starting with a letter or digit',
    )
  }
  const prefix = optionalInput('size-label-prefix') ?? 'size/'
  if (prefix.length > 40 || prefix.includes(',')) {
    throw new ConfigError(
      'size-label-prefix',
      prefix,
      'up to 40 characters without commas, such as `size/`',
    )
  }
  const coverage = multilineInput('coverage')
  const fromFile = optionalInput('from-file')
  const base = ctx.workspace ?? process.cwd()
  return {
    token,
    apiUrl: ctx.apiUrl ?? 'https://api.github.com',
    owner,
    repo,
    id,
    components: parseComponents(multilineInput('components')),
    size: {
      thresholds: parseThresholds(optionalInput('size-thresholds')),
      prefix,
      ignore: lineListInput('ignore'),
    },
    ...(coverage === undefined ? {} : { coverage }),
    checks: parseChecks(multilineInput('checks')),
    findings: parseFindings(multilineInput('findings')),
    ...(fromFile === undefined ? {} : { fromFile: resolve(base, fromFile) }),
    summaryFile: join(ctx.runnerTemp ?? tmpdir(), 'pr-summary', `${id}.json`),
    apiRetries: integerInput('api-retries', 3, 0, 10),
    dryRun: booleanInput('dry-run', false),
  }
}
