// Every input of deploy, read once and checked: a bad one is a ConfigError
// naming the input, the value and what was expected.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  argoCdServerUrl,
  isCommitRevision,
  shownServer,
} from '../../../lib/argocd/index.js'
import {
  readWaitSettings,
  type WaitSettings,
} from '../../../lib/health/index.js'
import type { TlsOptions } from '../../../lib/http/index.js'
import {
  ConfigError,
  booleanInput,
  durationInput,
  errorMessage,
  lineListInput,
  optionalInput,
  secretInput,
} from '../../../lib/runner/index.js'

/** Which applications to deploy: named, or an AppProject's. */
export type Selection =
  | { kind: 'applications'; names: readonly string[] }
  | { kind: 'project'; project: string; selector?: string }

/** Every input of deploy, read and checked. */
export interface DeploySettings {
  /** The server URL as given (checked); never holds credentials. */
  readonly server: string
  /** Masked as soon as it is read. */
  readonly token: string
  readonly tls: TlsOptions
  readonly selection: Selection
  /** The commit to sync to; each application's target revision when absent. */
  readonly revision?: string
  readonly prune: boolean
  readonly settleMs: number
  readonly degradedGraceMs: number
  readonly wait: WaitSettings
  readonly dryRun: boolean
}

// Kubernetes object names (RFC 1123 subdomains), as Application names are.
const APP_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(workspace?: string): DeploySettings {
  // Masked before anything can print it.
  const token = secretInput('argocd-token')
  const server = readServer()
  if (token === undefined) {
    throw new ConfigError(
      'argocd-token',
      '',
      'an Argo CD API token allowed to get and sync the applications, from a secret',
    )
  }
  const revision = optionalInput('revision')
  if (revision !== undefined && !isCommitRevision(revision)) {
    throw new ConfigError(
      'revision',
      revision,
      'a commit SHA, 7 to 40 hex characters (a branch or tag would leave nothing to compare the synced revision with)',
    )
  }
  return {
    server,
    token,
    tls: readTls(workspace),
    selection: readSelection(),
    ...(revision === undefined ? {} : { revision }),
    prune: booleanInput('prune', false),
    settleMs: durationInput('settle', 0),
    degradedGraceMs: durationInput('degraded-grace', 30_000),
    wait: readWaitSettings(),
    dryRun: booleanInput('dry-run', false),
  }
}

function readServer(): string {
  const server = optionalInput('argocd-server')
  if (server === undefined) {
    throw new ConfigError(
      'argocd-server',
      '',
      "the Argo CD server's URL, e.g. https://argocd.example.org",
    )
  }
  try {
    argoCdServerUrl(server)
  } catch (error: unknown) {
    // A password in the URL is not repeated in the message.
    throw new ConfigError(
      'argocd-server',
      shownServer(server),
      `an http(s) URL such as https://argocd.example.org (${errorMessage(error)})`,
    )
  }
  return server
}

function readSelection(): Selection {
  const names = lineListInput('applications')
  const project = optionalInput('project')
  const selector = optionalInput('selector')
  if (names.length > 0 && project !== undefined) {
    throw new ConfigError(
      'project',
      project,
      'no project when applications are named: one or the other',
    )
  }
  if (names.length > 0) {
    if (selector !== undefined) {
      throw new ConfigError(
        'selector',
        selector,
        'no selector when applications are named (it filters a project)',
      )
    }
    const bad = names.find((name) => !APP_NAME.test(name))
    if (bad !== undefined) {
      throw new ConfigError(
        'applications',
        bad,
        'Argo CD application names, one a line: lowercase letters, digits, - and .',
      )
    }
    return { kind: 'applications', names: [...new Set(names)] }
  }
  if (project === undefined) {
    throw new ConfigError(
      'applications',
      '',
      'application names, one a line, or a project (an AppProject) whose applications to deploy',
    )
  }
  return {
    kind: 'project',
    project,
    ...(selector === undefined ? {} : { selector }),
  }
}

function readTls(workspace?: string): TlsOptions {
  const insecure = booleanInput('insecure-skip-verify', false)
  const caFile = optionalInput('ca-file')
  if (caFile === undefined) return insecure ? { insecure } : {}
  let ca: string
  try {
    // A relative path is the workspace's, as a workflow author means it.
    ca = readFileSync(resolve(workspace ?? process.cwd(), caFile), 'utf8')
  } catch (error: unknown) {
    throw new ConfigError(
      'ca-file',
      caFile,
      `a readable PEM file (${errorMessage(error)})`,
    )
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConfigError(
      'ca-file',
      caFile,
      'a PEM file of certificates (-----BEGIN CERTIFICATE-----)',
    )
  }
  return insecure ? { ca, insecure } : { ca }
}
