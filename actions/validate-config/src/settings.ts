// The inputs of validate-config, read once into one checked, read-only
// settings object; every mistake is a ConfigError naming the input.
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { globMatcher } from '../../../lib/files/index.js'
import {
  ConfigError,
  booleanInput,
  lineListInput,
  listInput,
  multilineInput,
  optionalInput,
  workingDirectoryInput,
} from '../../../lib/runner/index.js'
import type { PodRules } from './k8s-pods.js'
import type { RuleLevels } from './rules.js'
import { ruleLevels } from './rules.js'
import type { PinPolicy } from './workflow-hardening.js'

/** Every input of validate-config, read once and checked. */
export interface ValidateSettings {
  /** The folder the globs are relative to (working-directory). */
  readonly root: string
  /** The repository's folder, which SARIF and annotation paths are relative to. */
  readonly workspace: string
  readonly files: readonly string[]
  readonly levels: RuleLevels
  readonly pods: PodRules
  readonly pins: PinPolicy
  /** Absolute path of the SARIF file written. */
  readonly sarifFile: string
  /** Report errors without failing the step. */
  readonly warnOnly: boolean
}

/** The runner's variables the settings draw on. */
export interface RunnerContext {
  readonly workspace?: string
  /** GITHUB_REPOSITORY. */
  readonly repository?: string
  readonly runnerTemp?: string
}

/**
 * Every YAML file, workflows included, but Helm templates (Go templates
 * that only render to YAML) and installed packages.
 */
export const DEFAULT_FILES: readonly string[] = [
  '**/*.{yaml,yml}',
  '.github/**/*.{yaml,yml}',
  '!**/charts/*/templates/**',
  '!**/node_modules/**',
]

/** What containers set unless `resources` says otherwise. */
export const DEFAULT_RESOURCES: readonly string[] = [
  'requests.cpu',
  'requests.memory',
  'limits.memory',
]

const RESOURCE = /^(requests|limits)\.[A-Za-z0-9][A-Za-z0-9._/-]*$/
const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/
const ACTION_GLOB = /^[A-Za-z0-9_.*?-]+\/[A-Za-z0-9_.*?-]+$/

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(ctx: RunnerContext): ValidateSettings {
  const workspace = ctx.workspace ?? process.cwd()
  const root = workingDirectoryInput(workspace)
  const given = lineListInput('files')
  const files = given.length > 0 ? given : DEFAULT_FILES
  for (const glob of files) {
    try {
      globMatcher(glob.replace(/^!/, ''))
    } catch {
      throw new ConfigError(
        'files',
        glob,
        'globs, one a line, `!` before a glob to exclude',
      )
    }
  }
  if (files.every((g) => g.startsWith('!'))) {
    throw new ConfigError(
      'files',
      files.join('\n'),
      'at least one glob that is not an exclusion',
    )
  }
  const levels = ruleLevels(multilineInput('rules'))
  const listed = listInput('resources')
  const resources = listed.length > 0 ? listed : DEFAULT_RESOURCES
  for (const field of resources) {
    if (!RESOURCE.test(field)) {
      throw new ConfigError(
        'resources',
        field,
        'fields like requests.cpu or limits.memory',
      )
    }
  }
  const repository = optionalInput('repository') ?? ctx.repository
  if (repository !== undefined && !REPOSITORY.test(repository)) {
    throw new ConfigError('repository', repository, 'owner/name')
  }
  const trustedListed = listInput('trusted-actions')
  const trusted = trustedListed.length > 0 ? trustedListed : ['actions/*']
  for (const glob of trusted) {
    if (!ACTION_GLOB.test(glob)) {
      throw new ConfigError(
        'trusted-actions',
        glob,
        'owner/repo globs such as actions/* or example-org/*',
      )
    }
  }
  const sarif = optionalInput('sarif-file')
  const sarifFile =
    sarif === undefined
      ? join(ctx.runnerTemp ?? tmpdir(), 'validate-config.sarif')
      : isAbsolute(sarif)
        ? sarif
        : resolve(workspace, sarif)
  return {
    root,
    workspace,
    files,
    levels,
    pods: { resources, startupProbe: booleanInput('startup-probe', false) },
    pins: { trusted, ...(repository === undefined ? {} : { repository }) },
    sarifFile,
    warnOnly: booleanInput('warn-only', false),
  }
}
