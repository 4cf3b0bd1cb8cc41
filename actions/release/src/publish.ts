import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { Artifact } from './artifacts.js'
import { npmPack, resolveArtifacts } from './artifacts.js'
import { renderSha256Sums, sha256File } from './checksums.js'
import type { GitTarget } from './git-publish.js'
import { pushFloatingTags } from './git-publish.js'
import type { GitHubRepo, ReleaseRecord } from './github-release.js'
import {
  announce,
  ensureRelease,
  moveFloatingTags,
  publishDraft,
  uploadAssets,
} from './github-release.js'
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
}

/** What publishing made or found. */
export interface Published {
  releaseUrl?: string
  releaseId?: number
  floatingTags: string[]
  /** Whether anything was created, uploaded or moved. */
  changed: boolean
}

const CHECKSUMS = 'SHA256SUMS'

/**
 * Steps 6–8: the GitHub release with its artifacts and checksums, the
 * announcement, and the floating tags. Each step first looks for what an
 * earlier run made, so a re-run completes the rest without duplicates.
 */
export async function publish(
  pub: Publication,
  settings: ReleaseSettings,
  git: Git,
  target: GitTarget,
  github: GitHubRepo | undefined,
  logger: Logger,
): Promise<Published> {
  const published: Published = { floatingTags: [], changed: false }
  if (github !== undefined && settings.githubRelease) {
    const release = await logger.group('GitHub release', async () => {
      const found = await ensureRelease(
        github,
        {
          tag: pub.tag,
          sha: pub.sha,
          name: pub.tag,
          body: await pub.notes(),
          prerelease: pub.prerelease,
          makeLatest: pub.latest,
          draft: settings.artifacts.length > 0 || settings.npmPack,
        },
        logger,
      )
      const uploaded = await attachArtifacts(
        github,
        found,
        pub.tag,
        settings,
        logger,
      )
      published.changed ||= found.created || uploaded || found.draft
      if (!found.draft) return found
      const htmlUrl = await publishDraft(github, found, pub.latest, logger)
      return { ...found, htmlUrl, draft: false }
    })
    published.releaseUrl = release.htmlUrl
    published.releaseId = release.id
    if (settings.announce) {
      const opened = await announce(
        github,
        `Released ${pub.tag}`,
        `${pub.tag} is out: ${release.htmlUrl}\n\n${await pub.notes()}\n`,
        settings.announceLabels,
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
 * Builds and uploads the artifacts, then SHA256SUMS of the bytes uploaded.
 * SHA256SUMS goes last, so its presence marks a complete upload and a
 * re-run after a failed upload knows to start again.
 */
async function attachArtifacts(
  github: GitHubRepo,
  release: ReleaseRecord,
  tag: string,
  settings: ReleaseSettings,
  logger: Logger,
): Promise<boolean> {
  if (settings.artifacts.length === 0 && !settings.npmPack) return false
  if (!release.created && (await hasAsset(github, release, CHECKSUMS))) {
    logger.info(`${tag} already has its assets`)
    return false
  }
  const scratch = mkdtempSync(join(tmpdir(), 'cortex-release-'))
  try {
    const files: Artifact[] = resolveArtifacts(
      settings.artifacts,
      settings.workingDirectory,
    )
    if (settings.npmPack) {
      files.push(await npmPack(settings.workingDirectory, scratch))
    }
    const names = new Set<string>()
    for (const file of files) {
      if (names.has(file.name) || file.name === CHECKSUMS) {
        throw new Error(`two artifacts would be uploaded as ${file.name}`)
      }
      names.add(file.name)
    }
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
    return true
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

async function hasAsset(
  github: GitHubRepo,
  release: ReleaseRecord,
  name: string,
): Promise<boolean> {
  const assets = await github.octokit.paginate(
    github.octokit.rest.repos.listReleaseAssets,
    {
      owner: github.owner,
      repo: github.repo,
      release_id: release.id,
      per_page: 100,
    },
  )
  return assets.some((a) => a.name === name)
}
