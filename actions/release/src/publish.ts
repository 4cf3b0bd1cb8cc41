import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { ConfigError } from '../../../lib/runner/index.js'
import { npmPack, resolveArtifacts } from './artifacts.js'
import { renderSha256Sums, sha256File } from './checksums.js'
import type { GitTarget } from './git-publish.js'
import { pushFloatingTags } from './git-publish.js'
import { announce } from './announce.js'
import type { GitHubRepo, ReleaseRecord } from './github-release.js'
import { ensureRelease, publishDraft } from './github-release.js'
import type { AssetFile } from './release-assets.js'
import { listAssets, uploadAssets } from './release-assets.js'
import { moveFloatingTags } from './tag-refs.js'
import type { ReleaseSettings } from './settings.js'

/** A release whose commit and tag exist, to publish on GitHub. */
export interface Publication {
  version: string
  tag: string
  sha: string
  prerelease: boolean
  /** Whether GitHub should mark it as the latest release. */
  latest: boolean
  /** The notes; computed only when the GitHub release must be created. */
  notes: () => Promise<string>
  floatingTags: string[]
  /**
   * Whether HEAD is the release's commit, so the artifacts in the working
   * tree are that release's. Only then are they built and attached.
   */
  buildHere: boolean
}

/** What publishing made or found, filled in as it goes. */
export interface Published {
  releaseUrl?: string
  releaseId?: number
  floatingTags: string[]
  /** The asset names attached by this run. */
  assets: string[]
  /** The GitHub release is still a draft: its assets are not all up. */
  draft?: boolean
  /** Whether anything was created, uploaded or moved. */
  changed: boolean
}

const CHECKSUMS = 'SHA256SUMS'

/** Nothing published yet. */
export function nothingPublished(): Published {
  return { floatingTags: [], assets: [], changed: false }
}

/**
 * Steps 6–8: the GitHub release with its artifacts and checksums, the
 * announcement, and the floating tags. Each step first looks for what an
 * earlier run made, so a re-run completes the rest without duplicates.
 * A release with artifacts stays a draft until all of them are up, so a
 * published release is a complete one. `published` is filled in as the
 * steps succeed, so a caller still knows what was done when one fails.
 */
export async function publish(
  pub: Publication,
  settings: ReleaseSettings,
  git: Git,
  target: GitTarget,
  github: GitHubRepo | undefined,
  logger: Logger,
  published: Published = nothingPublished(),
): Promise<Published> {
  if (github !== undefined && settings.githubRelease) {
    await logger.group('GitHub release', () =>
      publishRelease(pub, settings, github, logger, published),
    )
    if (settings.announce && published.releaseUrl !== undefined) {
      const opened = await announce(
        github,
        `Released ${pub.tag}`,
        `${pub.tag} is out: ${published.releaseUrl}\n\n${await pub.notes()}\n`,
        settings.announceLabels,
        await git.text(['log', '-1', '--format=%cI', pub.sha]),
        logger,
      )
      published.changed ||= opened
    }
  }
  if (settings.floatingTags && pub.floatingTags.length > 0) {
    published.floatingTags =
      github !== undefined
        ? await moveFloatingTags(github, pub.floatingTags, pub.sha, logger)
        : await moveWithGit(git, target, pub, logger)
    published.changed ||= published.floatingTags.length > 0
  }
  return published
}

async function publishRelease(
  pub: Publication,
  settings: ReleaseSettings,
  github: GitHubRepo,
  logger: Logger,
  published: Published,
): Promise<void> {
  const wantsAssets = settings.artifacts.length > 0 || settings.npmPack
  const found = await ensureRelease(
    github,
    {
      tag: pub.tag,
      sha: pub.sha,
      name: pub.tag,
      body: await pub.notes(),
      prerelease: pub.prerelease,
      makeLatest: pub.latest,
      draft: wantsAssets,
    },
    logger,
  )
  published.releaseUrl = found.htmlUrl
  published.releaseId = found.id
  published.draft = found.draft
  published.changed ||= found.created
  if (!found.draft) {
    // Published by this stage means complete. One published elsewhere
    // without our SHA256SUMS gets its assets, unless GitHub froze it.
    if (!wantsAssets || !pub.buildHere || !settings.checksums) return
    const assets = await listAssets(github, found)
    if (assets.some((a) => a.name === CHECKSUMS)) return
    if (found.immutable) {
      throw new Error(
        `release ${pub.tag} is published and immutable but lacks its assets; cut a new version instead`,
      )
    }
    published.assets = await attachArtifacts(
      github,
      found,
      pub.tag,
      settings,
      logger,
    )
    published.changed = true
    return
  }
  if (wantsAssets && !pub.buildHere) {
    logger.warning(
      `${pub.tag} is a draft waiting for its assets, which can only be built from its own commit ${pub.sha.slice(0, 7)}; re-run the release job of that commit`,
      'Release left as a draft',
    )
    return
  }
  if (wantsAssets) {
    published.assets = await attachArtifacts(
      github,
      found,
      pub.tag,
      settings,
      logger,
    )
  }
  published.releaseUrl = await publishDraft(github, found, pub.latest, logger)
  published.draft = false
  published.changed = true
}

async function moveWithGit(
  git: Git,
  target: GitTarget,
  pub: Publication,
  logger: Logger,
): Promise<string[]> {
  const moving: string[] = []
  for (const tag of pub.floatingTags) {
    if ((await git.resolve(`refs/tags/${tag}`)) !== pub.sha) moving.push(tag)
  }
  await pushFloatingTags(git, target, moving, pub.sha)
  for (const tag of moving) logger.info(`moved ${tag} → ${pub.sha.slice(0, 7)}`)
  return moving
}

/**
 * Builds and uploads the artifacts, then SHA256SUMS of the bytes uploaded;
 * returns the names attached.
 */
async function attachArtifacts(
  github: GitHubRepo,
  release: ReleaseRecord,
  tag: string,
  settings: ReleaseSettings,
  logger: Logger,
): Promise<string[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'cortex-release-'))
  try {
    const files: AssetFile[] = resolveAssets(settings)
    if (settings.npmPack) {
      files.push(await npmPack(settings.workingDirectory, scratch))
    }
    checkAssetNames(files.map((f) => f.name))
    if (settings.checksums) {
      const sums = await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          sha256: await sha256File(f.path),
        })),
      )
      const path = join(scratch, CHECKSUMS)
      writeFileSync(path, renderSha256Sums(sums))
      files.push({ path, name: CHECKSUMS })
    }
    await uploadAssets(github, release, tag, files, logger)
    return files.map((f) => f.name)
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** The artifacts the globs name, checked: they match, and stay in the tree. */
export function resolveAssets(settings: ReleaseSettings): AssetFile[] {
  return resolveArtifacts(settings.artifacts, settings.workingDirectory)
}

/** Refuses two assets under one name, or one under the checksum file's. */
export function checkAssetNames(names: readonly string[]): void {
  const seen = new Set<string>()
  for (const name of names) {
    if (seen.has(name) || name === CHECKSUMS) {
      throw new ConfigError(
        'artifacts',
        name,
        `files that upload under distinct names other than ${CHECKSUMS}`,
      )
    }
    seen.add(name)
  }
}

/** The names of the assets the release will carry, checking the globs. */
export function plannedAssets(settings: ReleaseSettings): string[] {
  if (!settings.githubRelease) return []
  const names = resolveAssets(settings).map((a) => a.name)
  checkAssetNames(names)
  if (settings.npmPack) names.push('the npm pack tarball')
  if (settings.checksums && names.length > 0) names.push('SHA256SUMS')
  return names
}
