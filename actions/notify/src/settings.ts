import * as core from '@actions/core'
import {
  ConfigError,
  booleanInput,
  choiceInput,
  integerInput,
  optionalInput,
  requiredInput,
  secretInput,
} from '../../../lib/runner/index.js'

/** Where the message goes: a Slack incoming webhook or any JSON endpoint. */
export type WebhookKind = 'slack' | 'json'

/** The outcome of the run being announced, as `${{ job.status }}` says it. */
export type RunStatus = 'success' | 'failure' | 'cancelled'

/** What the message says about the run. */
export interface RunFacts {
  readonly status: RunStatus
  readonly repository?: string
  readonly ref?: string
  readonly version?: string
  /** The run's page, when the runner says which run this is. */
  readonly runUrl?: string
  readonly text?: string
}

/** Every input of notify, read once and checked. */
export interface NotifySettings {
  /** Masked as soon as it is read; only `host` may be shown. */
  readonly webhookUrl: string
  /** The webhook's host (and port), the one part of it a log may name. */
  readonly host: string
  readonly kind: WebhookKind
  readonly facts: RunFacts
  readonly failOnError: boolean
  readonly attemptTimeoutMs: number
  /** Attempts in all: the first one and the retries. */
  readonly attempts: number
  readonly dryRun: boolean
}

/** The runner's variables the message draws on. */
export interface RunnerContext {
  readonly serverUrl?: string
  readonly repository?: string
  /** GITHUB_REF_NAME, or GITHUB_REF when that is unset. */
  readonly ref?: string
  readonly runId?: string
}

const STATUSES: readonly RunStatus[] = ['success', 'failure', 'cancelled']

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(ctx: RunnerContext): NotifySettings {
  // Masked before anything can print it: the URL's path is the credential.
  const webhookUrl = secretInput('webhook-url')
  if (webhookUrl === undefined) {
    throw new ConfigError(
      'webhook-url',
      '',
      'the webhook URL, from a secret (`${{ secrets.SLACK_WEBHOOK_URL }}`)',
    )
  }
  const host = webhookHost(webhookUrl)
  for (const part of webhookSecrets(webhookUrl)) core.setSecret(part)
  const kind = choiceInput<WebhookKind>('kind', ['slack', 'json'], 'slack')
  const status = requiredInput('status')
  const known = STATUSES.find((s) => s === status)
  if (known === undefined) {
    throw new ConfigError(
      'status',
      status,
      `one of ${STATUSES.join(', ')} (\`\${{ job.status }}\`)`,
    )
  }
  const version = optionalInput('version')
  const text = optionalInput('text')
  const runUrl =
    ctx.repository && ctx.runId
      ? `${ctx.serverUrl ?? 'https://github.com'}/${ctx.repository}/actions/runs/${ctx.runId}`
      : undefined
  return {
    webhookUrl,
    host,
    kind,
    facts: {
      status: known,
      ...(ctx.repository ? { repository: ctx.repository } : {}),
      ...(ctx.ref ? { ref: ctx.ref } : {}),
      ...(version === undefined ? {} : { version }),
      ...(runUrl === undefined ? {} : { runUrl }),
      ...(text === undefined ? {} : { text }),
    },
    failOnError: booleanInput('fail-on-error', false),
    attemptTimeoutMs: integerInput('timeout', 10, 1, 300) * 1_000,
    attempts: integerInput('retries', 3, 0, 10) + 1,
    dryRun: booleanInput('dry-run', false),
  }
}

/**
 * The host of an http(s) webhook URL. Anything else is a ConfigError that
 * shows the scheme and host at most, never the path that holds the secret.
 */
export function webhookHost(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new ConfigError(
      'webhook-url',
      '(hidden: not a URL)',
      'an http:// or https:// URL',
    )
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(
      'webhook-url',
      `${parsed.protocol}//${parsed.host}/…`,
      'an http:// or https:// URL',
    )
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ConfigError(
      'webhook-url',
      `${parsed.protocol}//…@${parsed.host}/…`,
      'an http:// or https:// URL without user:password@ (the path or a query parameter carries the credential)',
    )
  }
  return parsed.host
}

/**
 * The parts of a webhook URL that may be the credential, each masked on
 * its own: a server's error often quotes one back ("token B0X… is
 * unknown"), and only the whole URL was masked before.
 */
export function webhookSecrets(url: string): string[] {
  const parsed = new URL(url)
  const parts = parsed.pathname
    .split('/')
    .map((part) => decodeURIComponent(part))
    // Plain words (`services`, `hooks`) are not secrets; tokens have digits
    // or capitals (Slack's T…/B…/… ids, random keys).
    .filter((part) => part.length >= 8 && /[0-9A-Z]/.test(part))
  for (const value of parsed.searchParams.values()) {
    if (value.length >= 4) parts.push(value)
  }
  return parts
}
