// The build-images core: reads the checkout, plans every image, logs in,
// then builds, pushes and signs each in turn, and logs out. It never reads
// process.env or @actions/core, so the action, the local runner and the
// tests share it.
import type { BuildDeps } from './build-deps.js'
import type { ImageResult } from './build-image.js'
import { buildImage, signImage } from './build-image.js'
import { dryRunCommands } from './dry-run-commands.js'
import { nothingToBuild } from './event-context.js'
import type { GitFacts } from './git-facts.js'
import { readGitFacts } from './git-facts.js'
import type { ImagePlan } from './image-plan.js'
import { planImages } from './image-plan.js'
import { stableVersion } from './image-tags.js'
import { releaseHistory } from './release-history.js'
import type { ReleaseHistory } from './release-history.js'
import { imagesOutside, logIn, logOut } from './registry-login.js'
import type { BuildSettings } from './settings.js'
import { ContextError } from '../../../lib/runner/index.js'

/** What a run made, filled in as it goes so a failure still reports it. */
export interface BuildResult {
  readonly dryRun: boolean
  readonly push: boolean
  /** Whether each pushed digest is to be signed. */
  readonly sign: boolean
  /** How many images the run builds; 0 until they are planned. */
  planned: number
  /** Every image pushed (or built) so far, signed or not. */
  images: ImageResult[]
  /** The semver version the tags name. */
  version?: string
  /** The fixed-length short SHA, for update-manifests (CASES.md C27). */
  shortSha?: string
  /** In a dry run, every command a real run would run. */
  commands: string[]
  warnings: string[]
  /** Why the trigger builds nothing (a release edited or deleted). */
  skipped?: string
  failure?: string
}

/** A result with nothing done yet. */
export function emptyResult(settings: BuildSettings): BuildResult {
  return {
    dryRun: settings.dryRun,
    push: settings.push,
    sign: settings.sign,
    planned: 0,
    images: [],
    commands: [],
    warnings: [],
  }
}

/** Builds every image; fills `result` as it goes and throws on failure. */
export async function buildImages(
  settings: BuildSettings,
  deps: BuildDeps,
  result: BuildResult,
): Promise<void> {
  const { logger } = deps
  const skipped = nothingToBuild(settings.trigger)
  if (skipped !== undefined) {
    result.skipped = skipped
    logger.notice(skipped, 'Nothing to build')
    return
  }
  const facts = await readGitFacts(deps.git)
  const commit = commitOf(settings, facts)
  const history = await historyOf(settings, commit.ref, facts, deps, result)
  const plans = planImages(settings, {
    ...commit,
    existingTags: history.tags,
    floating: history.floating,
    created: deps.now(),
    tempDir: deps.tempDir,
  })
  result.planned = plans.length
  const [first] = plans
  if (first === undefined) return
  if (first.tags.version !== undefined) result.version = first.tags.version
  result.shortSha = first.tags.shortSha
  for (const plan of plans) {
    logger.info(`${plan.spec.name}: ${plan.tags.tagNames.join(', ')}`)
  }
  const login = settings.push ? settings.login : undefined
  if (login !== undefined) {
    for (const name of imagesOutside(plans, login.registry)) {
      logger.info(
        `${name}: pushed with the login docker already holds for its registry; registry-password is for ${login.registry} only`,
      )
    }
  }
  if (settings.dryRun) {
    result.commands = dryRunCommands(plans, settings)
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
  let loggedIn = false
  try {
    if (login !== undefined) {
      await logger.group(`Log in to ${login.registry}`, () =>
        logIn(login, deps),
      )
      loggedIn = true
    }
    for (const plan of plans) {
      const verb = settings.push ? 'Build and push' : 'Build'
      await logger.group(`${verb} ${plan.spec.name}`, () =>
        buildAndSign(plan, settings, deps, result),
      )
    }
  } finally {
    // cosign pushes its signatures with these credentials, so the logout
    // comes after the last signature, and after a failure too.
    if (login !== undefined && loggedIn) {
      await logger.group(`Log out of ${login.registry}`, () =>
        logOut(login.registry, deps),
      )
    }
  }
}

/**
 * One image: built and pushed, recorded in `result` as soon as it is
 * pushed, then signed; a push or signature that fails after the push
 * leaves the pushed image reported, unsigned.
 */
async function buildAndSign(
  plan: ImagePlan,
  settings: BuildSettings,
  deps: BuildDeps,
  result: BuildResult,
): Promise<void> {
  const image = await buildImage(plan, settings, deps)
  const at = result.images.push(image) - 1
  if (settings.push && image.digest === '') {
    throw new Error(
      `buildx pushed ${image.name} but wrote no containerimage.digest to ${plan.metadataFile}, so the image cannot be named by digest${settings.sign ? ' or signed' : ''}`,
    )
  }
  if (!settings.sign) return
  try {
    await signImage(image.ref, settings, deps)
  } catch (error: unknown) {
    deps.logger.warning(
      `${image.ref} is pushed (${image.tags.join(', ')}) but not signed`,
      'Pushed but not signed',
    )
    throw error
  }
  result.images[at] = { ...image, signed: true }
}

/** The ref and commit: the runner's, or the checkout's in a local run. */
function commitOf(
  settings: BuildSettings,
  facts: GitFacts,
): { ref: string; sha: string } {
  const ref = settings.trigger.ref ?? facts.branchRef
  const sha = settings.trigger.sha ?? facts.head
  if (ref === undefined) {
    throw new ContextError(
      'GITHUB_REF',
      '',
      'the ref being built (the runner sets it; a local run needs GITHUB_REF or a checked-out branch)',
    )
  }
  if (sha === undefined) {
    throw new ContextError(
      'GITHUB_SHA',
      '',
      'the commit being built (the runner sets it; a local run needs GITHUB_SHA or a git checkout)',
    )
  }
  return { ref, sha }
}

/**
 * The release tags that decide `latest` and the floating tags: a GitHub
 * pre-release moves none; a stable release reads them from the remote when
 * the clone lacks them, and moves none when they cannot be known.
 */
async function historyOf(
  settings: BuildSettings,
  ref: string,
  facts: GitFacts,
  deps: BuildDeps,
  result: BuildResult,
): Promise<Pick<ReleaseHistory, 'tags' | 'floating'>> {
  const { trigger } = settings
  const { logger } = deps
  const version = stableVersion({
    event: trigger.event,
    ref,
    ...(trigger.releaseTag === undefined
      ? {}
      : { releaseTag: trigger.releaseTag }),
  })
  if (version === undefined) return { tags: facts.tags, floating: true }
  if (trigger.prerelease === true) {
    logger.info(
      // The tag writes build metadata's `+` as `-` (image-tags.ts).
      `${version} is a GitHub pre-release: tagged ${version.replace('+', '-')} only; \`latest\` and the floating tags stay where they are`,
    )
    return { tags: facts.tags, floating: false }
  }
  if (trigger.event === 'release' && trigger.releaseAction === undefined) {
    logger.info('the release event names no action; taken as published')
  }
  const history = await releaseHistory(version, facts, {
    run: deps.run,
    cwd: settings.workingDirectory,
  })
  if (history.note !== undefined) logger.info(history.note)
  if (history.warning !== undefined) {
    result.warnings.push(history.warning)
    logger.warning(history.warning, 'Release history missing')
  }
  return history
}
