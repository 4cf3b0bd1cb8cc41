// One image, built: buildx (its push retried), the digest it pushed and
// the platforms in the pushed index; and, apart, the one cosign signature
// of it, so that an image pushed and then not signed is still reported.
import { readFileSync } from 'node:fs'
import type { ImagePlan } from './image-plan.js'
import type { BuildSettings } from './settings.js'
import type { BuildDeps } from './build-deps.js'
import { indexPlatforms } from './index-platforms.js'
import { withPushRetries } from './push-retry.js'
import type { RetryOutcome } from './push-retry.js'
import { errorLines } from './push-retry.js'
import { sameRegistry } from './registry-login.js'
import type { CommandResult } from '../../../lib/command/index.js'
import { CommandError, formatCommand } from '../../../lib/command/index.js'
import { errorMessage } from '../../../lib/runner/index.js'

/** What one image's build made. */
export interface ImageResult {
  readonly name: string
  /** Full references, `<image>:<tag>`. */
  readonly tags: readonly string[]
  /** `sha256:…`; empty when nothing was pushed and buildx gave none. */
  readonly digest: string
  /** `<image>@<digest>`, or empty without a digest. */
  readonly ref: string
  /** The image's platforms, attestations left out. */
  readonly platforms: readonly string[]
  readonly signed: boolean
}

const DIGEST = /^sha256:[a-f0-9]{64}$/

/**
 * Builds (and pushes) one image as its plan says; unsigned. A push whose
 * digest buildx did not write comes back with an empty digest, for the
 * caller to report and refuse.
 */
export async function buildImage(
  plan: ImagePlan,
  settings: BuildSettings,
  deps: BuildDeps,
): Promise<ImageResult> {
  const name = plan.spec.name
  await runBuild(plan, settings, deps)
  const digest = readDigest(plan.metadataFile)
  const ref = digest === undefined ? '' : `${name}@${digest}`
  const platforms =
    settings.push && ref !== ''
      ? await pushedPlatforms(ref, plan.spec.platforms, deps)
      : plan.spec.platforms
  return {
    name,
    tags: plan.tags.tags,
    digest: digest ?? '',
    ref,
    platforms,
    signed: false,
  }
}

async function runBuild(
  plan: ImagePlan,
  settings: BuildSettings,
  deps: BuildDeps,
): Promise<void> {
  const { logger } = deps
  const attempt = (): Promise<CommandResult> => {
    logger.info(formatCommand('docker', plan.buildx))
    return deps.run('docker', plan.buildx, {
      cwd: settings.workingDirectory,
      onLine: (line) => logger.info(line),
    })
  }
  if (!settings.push) {
    const result = await attempt()
    if (result.exitCode !== 0) {
      throw new CommandError('docker', plan.buildx, result)
    }
    return
  }
  const outcome = await withPushRetries(attempt, {
    retries: settings.pushRetries,
    sleep: deps.sleep,
    logger,
    image: plan.spec.name,
  })
  if (outcome.failure !== undefined) {
    throw buildError(plan, outcome, settings.login?.registry)
  }
}

function buildError(
  plan: ImagePlan,
  outcome: RetryOutcome,
  loginRegistry: string | undefined,
): Error {
  const said = errorLines(outcome.result.stderr).join('\n')
  const name = plan.spec.name
  if (outcome.failure === 'denied') {
    return new Error(
      `the registry refused the push of ${name}: ${said}\n${deniedHint(plan.registry, loginRegistry)}`,
    )
  }
  if (outcome.failure === 'transient') {
    const times = outcome.attempts === 1 ? 'once' : `${outcome.attempts} times`
    return new Error(
      `pushing ${name} failed ${times}, each time for a passing reason (push-retries: ${outcome.attempts - 1}); the last: ${said}`,
    )
  }
  return new CommandError('docker', plan.buildx, outcome.result)
}

/** What a refused push needs, by where the image goes and who logged in. */
function deniedHint(
  registry: string,
  loginRegistry: string | undefined,
): string {
  if (loginRegistry !== undefined && !sameRegistry(registry, loginRegistry)) {
    return `registry-password logs in to ${loginRegistry} only; log in to ${registry} before this step, with docker/login-action.`
  }
  if (sameRegistry(registry, 'ghcr.io')) {
    return "A push to ghcr.io with GITHUB_TOKEN needs `permissions: packages: write` in the job (and, for an existing package, write access for this repository in the package's settings)."
  }
  return `A push to ${registry} needs its credentials: registry-username and registry-password (with \`registry: ${registry}\` when another image comes first), or docker/login-action before this step.`
}

/** The digest buildx wrote to its metadata file, when it wrote one. */
export function readDigest(metadataFile: string): string | undefined {
  let metadata: unknown
  try {
    metadata = JSON.parse(readFileSync(metadataFile, 'utf8'))
  } catch {
    return undefined
  }
  if (typeof metadata !== 'object' || metadata === null) return undefined
  const digest = (metadata as Record<string, unknown>)['containerimage.digest']
  return typeof digest === 'string' && DIGEST.test(digest) ? digest : undefined
}

/**
 * The platforms of the pushed index. When the registry cannot be read back
 * the requested platforms stand in, with a warning: the image is pushed.
 */
async function pushedPlatforms(
  ref: string,
  requested: readonly string[],
  deps: BuildDeps,
): Promise<readonly string[]> {
  const args = ['buildx', 'imagetools', 'inspect', ref, '--raw']
  deps.logger.info(formatCommand('docker', args))
  let why: string
  try {
    const result = await deps.run('docker', args)
    if (result.exitCode === 0) {
      const platforms = indexPlatforms(result.stdout)
      if (platforms === undefined) return requested
      if (platforms.length > 0) return platforms
      why = 'its index lists no image'
    } else {
      why = errorLines(result.stderr).join(' / ')
    }
  } catch (error: unknown) {
    why = errorMessage(error)
  }
  deps.logger.warning(
    `could not read the platforms of ${ref} back (${why}); the summary lists those requested`,
    'Platforms not read back',
  )
  return requested
}

/** Signs the pushed digest, once, never a tag (CASES.md C28). */
export async function signImage(
  ref: string,
  settings: BuildSettings,
  deps: BuildDeps,
): Promise<void> {
  const args = ['sign', '--yes', ref]
  deps.logger.info(formatCommand('cosign', args))
  const result = await deps.run('cosign', args, {
    cwd: settings.workingDirectory,
    onLine: (line) => deps.logger.info(line),
  })
  if (result.exitCode !== 0) throw new CommandError('cosign', args, result)
}
