// The `ca-file` and `insecure-skip-verify` inputs every stage that talks
// HTTPS to a server of the user's takes (verify-health, deploy, rollback,
// drift-report), read the same way.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  ConfigError,
  booleanInput,
  errorMessage,
  optionalInput,
} from '../runner/index.js'
import type { TlsOptions } from './request.js'

/**
 * Reads `ca-file` (a PEM file; a relative path is the workspace's) and
 * `insecure-skip-verify`; a ConfigError names a file that is missing or
 * holds no certificate.
 */
export function readTlsInputs(workspace?: string): TlsOptions {
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
