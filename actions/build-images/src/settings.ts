import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { PrShaSource } from './image-tags.js'
import type { BuildTrigger, TriggerVariables } from './event-context.js'
import { readTrigger } from './event-context.js'
import type { ImageDefaults, ImageSpec } from './image-specs.js'
import {
  checkPlatforms,
  imageListSpecs,
  singleImageSpec,
} from './image-specs.js'
import { buildArgLines, labelLines } from './key-values.js'
import type { RegistryLogin } from './login-settings.js'
import { readLogin } from './login-settings.js'
import { ContextError, withValue } from '../../../lib/runner/index.js'
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
} from '../../../lib/runner/index.js'

export type { RegistryLogin } from './login-settings.js'

/** Every input of the build-images stage, read once and checked. */
export interface BuildSettings {
  /** The folder builds run in and relative paths are read from. */
  readonly workingDirectory: string
  readonly images: readonly ImageSpec[]
  readonly push: boolean
  readonly cache: boolean
  readonly provenance: boolean
  readonly sbom: boolean
  readonly sign: boolean
  readonly dryRun: boolean
  readonly shortShaLength: number
  readonly rawVersionTag: boolean
  readonly prShaSource: PrShaSource
  /** Labels added to (and overriding) the OCI ones. */
  readonly labels: Readonly<Record<string, string>>
  readonly description?: string
  readonly licenses?: string
  /** Retries of a push that fails for a passing reason. */
  readonly pushRetries: number
  /** Credentials for one registry, when the stage logs in itself. */
  readonly login?: RegistryLogin
  readonly trigger: BuildTrigger
  /** `GITHUB_SERVER_URL/GITHUB_REPOSITORY`, for the source label. */
  readonly sourceUrl?: string
}

/** The runner's variables the settings also draw on. */
export interface RunnerContext extends TriggerVariables {
  workspace?: string
  actor?: string
  serverUrl?: string
  repository?: string
  /** ACTIONS_ID_TOKEN_REQUEST_URL: set only with `id-token: write`. */
  idTokenRequestUrl?: string
}

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(ctx: RunnerContext): BuildSettings {
  // Masked before any other input is read; and should it be pasted into
  // another input, the error quoting that input leaves it out too, so a
  // log outside the runner (a local run) cannot show it either.
  const password = secretInput('registry-password')
  try {
    return checkedSettings(password, ctx)
  } catch (error: unknown) {
    if (
      password !== undefined &&
      error instanceof ConfigError &&
      error.value.includes(password)
    ) {
      throw withValue(error, error.value.split(password).join('***'))
    }
    throw error
  }
}

function checkedSettings(
  password: string | undefined,
  ctx: RunnerContext,
): BuildSettings {
  const { workingDirectory, workingDirectoryFrom } = workingDirectoryOf(ctx)
  const push = booleanInput('push', true)
  const sign = booleanInput('sign', false)
  const dryRun = booleanInput('dry-run', false)
  const defaults: ImageDefaults = {
    platforms: checkPlatforms(
      'platforms',
      orDefault(listInput('platforms'), ['linux/amd64']),
    ),
    buildArgs: buildArgLines('build-args', lineListInput('build-args')),
    workingDirectory,
    workingDirectoryFrom,
  }
  const description = optionalInput('description')
  const licenses = optionalInput('licenses')
  const images = imagesOf(defaults)
  const login = readLogin(password, images, ctx.actor)
  const sourceUrl =
    ctx.repository === undefined
      ? undefined
      : `${ctx.serverUrl ?? 'https://github.com'}/${ctx.repository}`
  const settings: BuildSettings = {
    workingDirectory,
    images,
    push,
    cache: booleanInput('cache', true),
    provenance: booleanInput('provenance', true),
    sbom: booleanInput('sbom', false),
    sign,
    dryRun,
    shortShaLength: integerInput('short-sha-length', 7, 4, 40),
    rawVersionTag: booleanInput('raw-version-tag', false),
    prShaSource: choiceInput('pr-sha-source', ['head', 'merge'], 'head'),
    labels: labelLines('labels', lineListInput('labels')),
    ...(description === undefined ? {} : { description }),
    ...(licenses === undefined ? {} : { licenses }),
    pushRetries: integerInput('push-retries', 3, 0, 10),
    ...(login === undefined ? {} : { login }),
    trigger: readTrigger(ctx),
    ...(sourceUrl === undefined ? {} : { sourceUrl }),
  }
  if (sign && !push) {
    throw new ConfigError(
      'sign',
      'true',
      'push: true, since only a pushed image has a digest to sign',
    )
  }
  if (sign && !dryRun && ctx.idTokenRequestUrl === undefined) {
    throw new ConfigError(
      'sign',
      'true',
      'an OIDC token for keyless signing, which the job gets with `permissions: id-token: write` (ACTIONS_ID_TOKEN_REQUEST_URL is not set)',
    )
  }
  return settings
}

function imagesOf(defaults: ImageDefaults): ImageSpec[] {
  const image = optionalInput('image')
  const list = multilineInput('images')
  if (image !== undefined && list !== undefined) {
    throw new ConfigError(
      'images',
      list,
      'either `image` (one image) or `images` (a list), not both',
    )
  }
  if (list !== undefined) return imageListSpecs(list, defaults)
  if (image === undefined) {
    throw new ConfigError(
      'image',
      '',
      'an image name like ghcr.io/org/app, or a list of images in `images`',
    )
  }
  const context = optionalInput('context')
  const dockerfile = optionalInput('dockerfile')
  const target = optionalInput('target')
  return [
    singleImageSpec(
      {
        image,
        ...(context === undefined ? {} : { context }),
        ...(dockerfile === undefined ? {} : { dockerfile }),
        ...(target === undefined ? {} : { target }),
      },
      defaults,
    ),
  ]
}

function orDefault(list: string[], fallback: string[]): string[] {
  return list.length > 0 ? list : fallback
}

/**
 * The working directory: the input relative to the workspace, or the
 * workspace; and where it came from, for messages about paths in it.
 */
function workingDirectoryOf(ctx: RunnerContext): {
  workingDirectory: string
  workingDirectoryFrom: string
} {
  const base = ctx.workspace ?? process.cwd()
  const workspace =
    ctx.workspace === undefined
      ? 'the current folder, GITHUB_WORKSPACE being unset'
      : 'GITHUB_WORKSPACE'
  const given = optionalInput('working-directory')
  const dir = given === undefined ? base : resolve(base, given)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const expected = `a folder that exists; there is no ${dir}`
    if (given === undefined) throw new ContextError(workspace, base, expected)
    throw new ConfigError('working-directory', given, expected)
  }
  const from =
    given === undefined
      ? workspace
      : `working-directory ${given}, in ${workspace}`
  return { workingDirectory: dir, workingDirectoryFrom: from }
}
