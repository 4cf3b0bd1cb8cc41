import { readFileSync, statSync } from 'node:fs'
import { apiMessage, createOnce } from '../../../lib/github/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { GitHubRepo, ReleaseRecord } from './github-release.js'

/** A file to attach, under the name GitHub will list it by. */
export interface AssetFile {
  path: string
  name: string
}

/**
 * Uploads files to the release in order, replacing same-named assets
 * (delete, then upload) so a re-run never duplicates them.
 */
export async function uploadAssets(
  gh: GitHubRepo,
  release: ReleaseRecord,
  tag: string,
  files: readonly AssetFile[],
  logger: Logger,
): Promise<void> {
  const existing = await listAssets(gh, release)
  const immutable = (): Error =>
    new Error(
      `release ${tag} is immutable, so its assets cannot be replaced; cut a new version instead`,
    )
  for (const file of files) {
    const old = existing.find((a) => a.name === file.name)
    if (old !== undefined) {
      if (release.immutable) throw immutable()
      logger.info(`replacing asset ${file.name}`)
      await gh.octokit.rest.repos.deleteReleaseAsset({
        owner: gh.owner,
        repo: gh.repo,
        asset_id: old.id,
      })
    }
    try {
      await uploadOnce(gh, release, file)
    } catch (error: unknown) {
      const message = apiMessage(error)
      if (/immutable/i.test(message)) throw immutable()
      throw new Error(`uploading ${file.name} to ${tag} failed: ${message}`)
    }
    logger.info(`uploaded ${file.name}`)
  }
}

/**
 * Uploads one file through the release's upload URL (never a default host).
 * An upload that failed late may have landed whole: an asset of the same
 * name and size counts as done; a partial one is removed before retrying.
 */
async function uploadOnce(
  gh: GitHubRepo,
  release: ReleaseRecord,
  file: AssetFile,
): Promise<void> {
  const size = statSync(file.path).size
  await createOnce({
    attempts: gh.attempts,
    create: async (request) => {
      await gh.octokit.request({
        method: 'POST',
        url: release.uploadUrl,
        name: file.name,
        data: readFileSync(file.path),
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': size,
        },
        request,
      })
      return true
    },
    find: async () => {
      const assets = await listAssets(gh, release)
      const landed = assets.find((a) => a.name === file.name)
      if (landed === undefined) return undefined
      if (landed.size === size && landed.state === 'uploaded') return true
      await gh.octokit.rest.repos.deleteReleaseAsset({
        owner: gh.owner,
        repo: gh.repo,
        asset_id: landed.id,
      })
      return undefined
    },
  })
}

/** Every asset of a release, through as many pages as it takes. */
export async function listAssets(
  gh: GitHubRepo,
  release: ReleaseRecord,
): Promise<{ id: number; name: string; size: number; state: string }[]> {
  return gh.octokit.paginate(gh.octokit.rest.repos.listReleaseAssets, {
    owner: gh.owner,
    repo: gh.repo,
    release_id: release.id,
    per_page: 100,
  })
}
