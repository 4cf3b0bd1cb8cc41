// The paths of an image to build, checked before anything runs: its build
// context and Dockerfile, relative to the working directory, or a remote
// context that buildx fetches itself.
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ImageDefaults, ImageSpec } from './image-specs.js'
import { ConfigError } from '../../../lib/runner/index.js'

/** The inputs an image's paths came from, for messages. */
export interface PathInputs {
  readonly context: string
  /** Unset when the Dockerfile is the context's default. */
  readonly dockerfile?: string
  /** `in entry 2 of images, ` for an entry of the list. */
  readonly where: string
}

/** The paths must exist, so that nothing runs before a typo is found. */
export function checkedSpec(
  spec: ImageSpec,
  defaults: ImageDefaults,
  inputs: PathInputs,
): ImageSpec {
  // A remote context is fetched by buildx itself.
  if (isRemote(spec.context)) return spec
  const base = defaults.workingDirectory
  const from = `relative to the working directory ${base}${
    defaults.workingDirectoryFrom === undefined
      ? ''
      : ` (${defaults.workingDirectoryFrom})`
  }`
  const context = resolve(base, spec.context)
  if (!existsSync(context) || !statSync(context).isDirectory()) {
    throw new ConfigError(
      inputs.context,
      spec.context,
      `${inputs.where}a folder that exists, ${from}; there is no ${context}`,
    )
  }
  const dockerfile = resolve(base, spec.dockerfile)
  if (existsSync(dockerfile) && statSync(dockerfile).isFile()) return spec
  // A Dockerfile nobody named is the context's fault, not `dockerfile`'s.
  if (inputs.dockerfile === undefined) {
    throw new ConfigError(
      inputs.context,
      spec.context,
      `${inputs.where}a build context holding a Dockerfile, or \`dockerfile\` naming one, ${from}; there is no ${dockerfile}`,
    )
  }
  throw new ConfigError(
    inputs.dockerfile,
    spec.dockerfile,
    `${inputs.where}a Dockerfile that exists, ${from}; there is no ${dockerfile}`,
  )
}

/** A Git or HTTP URL, which buildx fetches; its Dockerfile is inside it. */
export function isRemote(context: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(context)
}

/** The Dockerfile a context holds when none is named. */
export function dockerfileIn(context: string): string {
  if (context === '.' || isRemote(context)) return 'Dockerfile'
  return `${context.replace(/\/+$/, '')}/Dockerfile`
}
