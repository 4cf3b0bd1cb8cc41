// Every input of verify-health, read once and checked: a bad one is a
// ConfigError naming the input, the value and what was expected.
import * as core from '@actions/core'
import {
  argoCdServerUrl,
  isCommitRevision,
  shownServer,
} from '../../../lib/argocd/index.js'
import { warnIfPlain } from '../../../lib/argocd-stage/index.js'
import { readWaitSettings } from '../../../lib/health/index.js'
import { readTlsInputs, type TlsOptions } from '../../../lib/http/index.js'
import {
  ConfigError,
  booleanInput,
  choiceInput,
  durationInput,
  errorMessage,
  lineListInput,
  multilineInput,
  optionalInput,
  secretInput,
} from '../../../lib/runner/index.js'
import { parseBodyMatch, parseExpectStatus } from './http-expect.js'
import { parseHttpTargets, type HttpDefaults } from './http-target.js'
import { parsePrometheusQueries } from './prometheus-query.js'
import { parseRollouts } from './rollout-target.js'
import type { ArgoCdTargets, PrometheusGate, VerifySettings } from './verify.js'

/** The settings, and whether an unhealthy target fails the step. */
export interface ReadSettings {
  settings: VerifySettings
  failOnUnhealthy: boolean
}

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(): ReadSettings {
  const tls = readTlsInputs(process.env['GITHUB_WORKSPACE'])
  const http = parseHttpTargets(
    multilineInput('http-targets') ?? '',
    httpDefaults(tls),
  )
  for (const target of http) maskCredentials(target.headers)
  const argocd = readArgoCd()
  const rollouts = parseRollouts(lineListInput('rollouts'))
  const prometheus = readPrometheus()
  if (
    http.length === 0 &&
    argocd === undefined &&
    rollouts.length === 0 &&
    prometheus === undefined
  ) {
    throw new ConfigError(
      'http-targets',
      '',
      'something to check: http-targets, argocd-applications, rollouts or prometheus-queries',
    )
  }
  const kubeContext = optionalInput('kube-context')
  return {
    settings: {
      http,
      ...(argocd === undefined ? {} : { argocd }),
      rollouts,
      ...(kubeContext === undefined ? {} : { kubeContext }),
      ...(prometheus === undefined ? {} : { prometheus }),
      tls,
      wait: readWaitSettings(),
      dryRun: booleanInput('dry-run', false),
    },
    failOnUnhealthy: booleanInput('fail-on-unhealthy', true),
  }
}

function httpDefaults(tls: TlsOptions): HttpDefaults {
  const expectBody = optionalInput('expect-body')
  return {
    method: choiceInput('method', ['GET', 'HEAD'], 'GET'),
    expectStatus: parseExpectStatus(
      'expect-status',
      optionalInput('expect-status') ?? '2xx',
    ),
    followRedirects: booleanInput('follow-redirects', false),
    ...optionalField(
      'body',
      expectBody === undefined
        ? undefined
        : parseBodyMatch('expect-body', expectBody),
    ),
    headers: readHeaders(),
    tls,
  }
}

/** `Name: value` lines; credential headers are masked as they are read. */
function readHeaders(): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of lineListInput('headers')) {
    const match = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+):\s*(.*)$/.exec(line)
    if (!match?.[1] || !match[2]) {
      // Only the first word: the rest of a line without a colon may be a token.
      const name = /^[^\s:]*/.exec(line)?.[0] ?? ''
      throw new ConfigError('headers', `${name} …`, 'one `Name: value` a line')
    }
    headers[match[1]] = match[2]
  }
  maskCredentials(headers)
  return headers
}

// Header names whose values are credentials. Masking every value would
// star out `1` or `*/*` all over the job log.
const CREDENTIAL_HEADER = /auth|token|key|secret|cookie|session|signature/i

/** Masks the credential headers' values, and the token after a scheme. */
export function maskCredentials(headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADER.test(name)) continue
    core.setSecret(value)
    // `Bearer <token>`: the token alone must be masked too.
    const credential = /^\S+\s+(\S.*)$/.exec(value)?.[1]
    if (credential !== undefined) core.setSecret(credential)
  }
}

function readArgoCd(): ArgoCdTargets | undefined {
  const applications = lineListInput('argocd-applications')
  const token = secretInput('argocd-token')
  const serverText = optionalInput('argocd-server')
  if (applications.length === 0) return undefined
  if (serverText === undefined) {
    throw new ConfigError(
      'argocd-server',
      '',
      'the Argo CD server URL, for argocd-applications',
    )
  }
  if (token === undefined) {
    throw new ConfigError(
      'argocd-token',
      '',
      'an Argo CD API token, for argocd-applications',
    )
  }
  try {
    argoCdServerUrl(serverText)
  } catch (error: unknown) {
    throw new ConfigError(
      'argocd-server',
      shownServer(serverText),
      `an http(s) URL: ${errorMessage(error)}`,
    )
  }
  warnIfPlain(serverText)
  const revision = optionalInput('expected-revision')
  if (revision !== undefined && !isCommitRevision(revision)) {
    throw new ConfigError(
      'expected-revision',
      revision,
      'a commit SHA, 7 to 40 hex characters',
    )
  }
  return {
    server: serverText,
    token,
    applications,
    ...optionalField('expectedRevision', revision),
    settleMs: durationInput('settle', 0),
    degradedGraceMs: durationInput('degraded-grace', 30_000),
  }
}

function readPrometheus(): PrometheusGate | undefined {
  const text = multilineInput('prometheus-queries')
  const token = secretInput('prometheus-token')
  if (text === undefined) return undefined
  const urlText = optionalInput('prometheus-url')
  if (urlText === undefined) {
    throw new ConfigError(
      'prometheus-url',
      '',
      'the Prometheus server URL, for prometheus-queries',
    )
  }
  let url: URL
  try {
    url = new URL(urlText)
  } catch {
    throw new ConfigError('prometheus-url', urlText, 'an http(s) URL')
  }
  if (
    !/^https?:$/.test(url.protocol) ||
    url.username !== '' ||
    url.password !== ''
  ) {
    throw new ConfigError(
      'prometheus-url',
      `${url.protocol}//${url.host}`,
      'an http(s) URL without credentials (use prometheus-token)',
    )
  }
  return {
    url,
    ...optionalField('token', token),
    queries: parsePrometheusQueries(text),
  }
}

function optionalField<K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}
