// The inputs every Argo CD stage reads alike: the server, its token and
// TLS, and which applications. A bad one is a ConfigError naming the input,
// the value and what was expected.
import * as core from '@actions/core'
import { argoCdServerUrl, shownServer } from '../argocd/index.js'
import { readTlsInputs, type TlsOptions } from '../http/index.js'
import {
  ConfigError,
  errorMessage,
  lineListInput,
  optionalInput,
  secretInput,
} from '../runner/index.js'
import type { Selection } from './targets.js'

/** How to reach Argo CD, from `argocd-server`, `argocd-token`, `ca-file`, `insecure-skip-verify`. */
export interface ArgoCdConnection {
  /** The server URL as given (checked); never holds credentials. */
  readonly server: string
  /** Masked as soon as it is read. */
  readonly token: string
  readonly tls: TlsOptions
}

// Kubernetes object names (RFC 1123 subdomains), as Application names are.
const APP_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/

/** Whether `name` can be an Argo CD Application's name. */
export function isAppName(name: string): boolean {
  return APP_NAME.test(name)
}

/**
 * Reads the server, the token (masked first) and TLS. `allowedTo` says
 * what the token's role must allow: `get and sync the applications`.
 */
export function readArgoCdConnection(
  allowedTo: string,
  workspace?: string,
): ArgoCdConnection {
  // Masked before anything can print it.
  const token = secretInput('argocd-token')
  const server = readServer()
  if (token === undefined) {
    throw new ConfigError(
      'argocd-token',
      '',
      `an Argo CD API token allowed to ${allowedTo}, from a secret`,
    )
  }
  warnIfPlain(server)
  return { server, token, tls: readTlsInputs(workspace) }
}

/**
 * Warns when the token would travel unencrypted: an http:// server that
 * is not this machine (a port-forward to 127.0.0.1 is the usual, safe case).
 */
export function warnIfPlain(server: string): void {
  const url = argoCdServerUrl(server)
  const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname)
  if (url.protocol === 'http:' && !local) {
    core.warning(
      `the Argo CD token is sent to ${url.host} over plain http://; use https://`,
      { title: 'Unencrypted Argo CD connection' },
    )
  }
}

/** How `readSelection` reads `applications`, `project` and `selector`. */
export interface SelectionOptions {
  /** What the stage does with them, for messages: `deploy`. */
  readonly verb: string
  /** Neither names nor a project means every application (narrowed by `selector`). */
  readonly all?: boolean
}

/** Reads which applications: names, or a project narrowed by a selector. */
export function readSelection(options: SelectionOptions): Selection {
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
    const bad = names.find((name) => !isAppName(name))
    if (bad !== undefined) {
      throw new ConfigError(
        'applications',
        bad,
        'Argo CD application names, one a line: lowercase letters, digits, - and .',
      )
    }
    return { kind: 'applications', names: [...new Set(names)] }
  }
  const narrowed = selector === undefined ? {} : { selector }
  if (project === undefined) {
    if (options.all === true) return { kind: 'all', ...narrowed }
    throw new ConfigError(
      'applications',
      '',
      `application names, one a line, or a project (an AppProject) whose applications to ${options.verb}`,
    )
  }
  return { kind: 'project', project, ...narrowed }
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
