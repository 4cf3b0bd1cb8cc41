// The build-images core: reads the checkout, plans every image, logs in,
// then builds, pushes and signs each in turn. It never reads process.env or
// @actions/core, so the action, the local runner and the tests share it.
import type { BuildDeps } from './build-deps.js'
import type { ImageResult } from './build-image.js'
import { buildImage } from './build-image.js'
import type { GitFacts } from './git-facts.js'
import { historyWarning, readGitFacts } from './git-facts.js'
import type { ImagePlan } from './image-plan.js'
import { planImages } from './image-plan.js'
import { distinctRegistries, loginAll, loginArgs } from './registry-login.js'
import type { BuildSettings } from './settings.js'
import * as semver from 'semver'
import { formatCommand } from '../../../lib/command/index.js'
import { ConfigError } from '../../../lib/runner/index.js'

/** What a run made, filled in as it goes so a failure still reports it. */
export interface BuildResult {
  readonly dryRun: boolean
  readonly push: boolean
  images: ImageResult[]
  /** The semver version the tags name. */
  version?: string
  /** The fixed-length short SHA, for update-manifests (CASES.md C27). */
  shortSha?: string
  /** In a dry run, every command a real run would run. */
  commands: string[]
  warnings: string[]
  failure?: string
}

/** A result with nothing done yet. */
export function emptyResult(settings: BuildSettings): BuildResult {
  return {
    dryRun: settings.dryRun,
    push: settings.push,
    images: [],
    commands: [],
    warnings: [],
  }
}

/** Stands for the digest in a dry run, where no build makes one. */
export const DIGEST_PLACEHOLDER = '<digest>'

/** Builds every image; fills `result` as it goes and throws on failure. */
export async function buildImages(
  settings: BuildSettings,
  deps: BuildDeps,
  result: BuildResult,
): Promise<void> {
  const { logger } = deps
  const facts = await readGitFacts(deps.git)
  const plans = planImages(settings, {
    ...commitOf(settings, facts),
    existingTags: facts.tags,
    created: deps.now(),
    tempDir: deps.tempDir,
  })
  const [first] = plans
  if (first === undefined) return
  if (first.tags.version !== undefined) result.version = first.tags.version
  result.shortSha = first.tags.shortSha
  warnAboutHistory(first, facts, result, deps)
  for (const plan of plans) {
    logger.info(`${plan.spec.name}: ${plan.tags.tagNames.join(', ')}`)
  }
  const registries = distinctRegistries(plans)
  const login = settings.push ? settings.login : undefined
  if (settings.dryRun) {
    result.commands = dryRunCommands(plans, registries, settings)
    await logger.group('Commands a run would run (dry run)', () => {
      for (const command of result.commands) logger.info(command)
      return Promise.resolve()
    })
    result.images = plans.map((plan) => ({
      name: plan.spec.name,
      tags: plan.tags.tags,
      digest: '',
      ref: '',
      platforms: plan.spec.platforms,
      signed: false,
    }))
    return
  }
  if (login !== undefined) {
    await logger.group('Log in to the registries', () =>
      loginAll(registries, login, deps),
    )
  }
  for (const plan of plans) {
    const verb = settings.push ? 'Build and push' : 'Build'
    const image = await logger.group(`${verb} ${plan.spec.name}`, () =>
      buildImage(plan, settings, deps),
    )
    result.images.push(image)
  }
}

/** The ref and commit: the runner's, or the checkout's in a local run. */
function commitOf(
  settings: BuildSettings,
  facts: GitFacts,
): { ref: string; sha: string } {
  const ref = settings.trigger.ref ?? facts.branchRef
  const sha = settings.trigger.sha ?? facts.head
  if (ref === undefined) {
    throw new ConfigError(
      'GITHUB_REF',
      '',
      'the ref being built (the runner sets it; a local run needs GITHUB_REF or a checked-out branch)',
    )
  }
  if (sha === undefined) {
    throw new ConfigError(
      'GITHUB_SHA',
      '',
      'the commit being built (the runner sets it; a local run needs GITHUB_SHA or a git checkout)',
    )
  }
  return { ref, sha }
}

/** A stable release decides `latest` from the other release tags. */
function warnAboutHistory(
  plan: ImagePlan,
  facts: GitFacts,
  result: BuildResult,
  deps: Pick<BuildDeps, 'logger'>,
): void {
  const { version } = plan.tags
  if (version === undefined || semver.prerelease(version) !== null) return
  const others = facts.tags.filter((tag) => {
    const parsed = semver.valid(tag.replace(/^v/, ''))
    return parsed !== null && parsed !== version
  })
  const warning = historyWarning(facts, others.length)
  if (warning === undefined) return
  result.warnings.push(warning)
  deps.logger.warning(warning, 'Release history missing')
}

/** Every command a real run would run, one a line, no secret among them. */
export function dryRunCommands(
  plans: readonly ImagePlan[],
  registries: readonly string[],
  settings: BuildSettings,
): string[] {
  const commands: string[] = []
  if (settings.push && settings.login !== undefined) {
    for (const registry of registries) {
      commands.push(
        formatCommand('docker', loginArgs(registry, settings.login.username)),
      )
    }
  }
  for (const plan of plans) {
    commands.push(formatCommand('docker', plan.buildx))
    if (!settings.push) continue
    const ref = `${plan.spec.name}@${DIGEST_PLACEHOLDER}`
    commands.push(
      formatCommand('docker', [
        'buildx',
        'imagetools',
        'inspect',
        ref,
        '--raw',
      ]),
    )
    if (settings.sign)
      commands.push(formatCommand('cosign', ['sign', '--yes', ref]))
  }
  return commands
}
