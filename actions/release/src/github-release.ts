import { readFileSync, statSync } from 'node:fs'
import type { GitHubClient } from '../../../lib/github/index.js'
import {
  apiMessage,
  httpStatus,
  isAlreadyExists,
} from '../../../lib/github/index.js'
import type { Logger } from '../../../lib/runner/index.js'

/** One repository on GitHub, through an Octokit. */
export interface GitHubRepo {
  octokit: GitHubClient
  owner: string
  repo: string
}

/** What the stage knows of a GitHub release. */
export interface ReleaseRecord {
  id: number
  htmlUrl: string
  uploadUrl: string
  immutable: boolean
  created: boolean
  /** Still a draft: made by a run that had assets to attach first. */
  draft: boolean
}

/** The release to find or create. */
export interface ReleaseSpec {
  tag: string
  sha: string
  name: string
  body: string
  prerelease: boolean
  /** Whether GitHub should mark this release as the latest. */
  makeLatest: boolean
  /** Create it as a draft, to publish once its assets are attached. */
  draft: boolean
}

interface ApiRelease {
  id: number
  tag_name: string
  html_url: string
  upload_url: string
  draft?: boolean
  immutable?: boolean
}

/**
 * Finds the release for the tag, drafts included, or creates it. A re-run
 * finds the release the first run made instead of making a second one.
 */
export async function ensureRelease(
  gh: GitHubRepo,
  spec: ReleaseSpec,
  logger: Logger,
): Promise<ReleaseRecord> {
  const found = await findRelease(gh, spec.tag)
  if (found !== undefined) {
    logger.info(`GitHub release for ${spec.tag} exists: ${found.html_url}`)
    return record(found, false)
  }
  try {
    const { data } = await gh.octokit.rest.repos.createRelease({
      owner: gh.owner,
      repo: gh.repo,
      tag_name: spec.tag,
      target_commitish: spec.sha,
      name: spec.name,
      body: spec.body,
      draft: spec.draft,
      prerelease: spec.prerelease,
      make_latest: spec.makeLatest ? 'true' : 'false',
    })
    logger.info(`created GitHub release ${data.html_url}`)
    return record(data, true)
  } catch (error: unknown) {
    // Another run created it between our look-up and our create.
    if (isAlreadyExists(error)) {
      const raced = await findRelease(gh, spec.tag)
      if (raced !== undefined) return record(raced, false)
    }
    throw new Error(
      `creating the GitHub release for ${spec.tag} failed: ${apiMessage(error)}`,
    )
  }
}

async function findRelease(
  gh: GitHubRepo,
  tag: string,
): Promise<ApiRelease | undefined> {
  try {
    const { data } = await gh.octokit.rest.repos.getReleaseByTag({
      owner: gh.owner,
      repo: gh.repo,
      tag,
    })
    return data
  } catch (error: unknown) {
    if (httpStatus(error) !== 404) {
      throw new Error(
        `looking up the release ${tag} failed: ${apiMessage(error)}`,
      )
    }
  }
  // The by-tag endpoint does not return drafts; the list does.
  const all = await gh.octokit.paginate(gh.octokit.rest.repos.listReleases, {
    owner: gh.owner,
    repo: gh.repo,
    per_page: 100,
  })
  return (all as ApiRelease[]).find((r) => r.tag_name === tag)
}

function record(data: ApiRelease, created: boolean): ReleaseRecord {
  return {
    id: data.id,
    htmlUrl: data.html_url,
    uploadUrl: data.upload_url,
    immutable: data.immutable === true,
    created,
    draft: data.draft === true,
  }
}

/**
 * Publishes a draft release once its assets are attached, so nobody sees
 * (or, with immutable releases, freezes) a release without them.
 */
export async function publishDraft(
  gh: GitHubRepo,
  release: ReleaseRecord,
  makeLatest: boolean,
  logger: Logger,
): Promise<string> {
  let url: string
  try {
    const { data } = await gh.octokit.rest.repos.updateRelease({
      owner: gh.owner,
      repo: gh.repo,
      release_id: release.id,
      draft: false,
      make_latest: makeLatest ? 'true' : 'false',
    })
    url = data.html_url
  } catch (error: unknown) {
    throw new Error(`publishing the draft release failed: ${apiMessage(error)}`)
  }
  logger.info(`published ${url}`)
  return url
}

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
  const existing = await gh.octokit.paginate(
    gh.octokit.rest.repos.listReleaseAssets,
    { owner: gh.owner, repo: gh.repo, release_id: release.id, per_page: 100 },
  )
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
      await gh.octokit.request({
        method: 'POST',
        url: release.uploadUrl,
        name: file.name,
        data: readFileSync(file.path),
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': statSync(file.path).size,
        },
      })
    } catch (error: unknown) {
      const message = apiMessage(error)
      if (/immutable/i.test(message)) throw immutable()
      throw new Error(`uploading ${file.name} to ${tag} failed: ${message}`)
    }
    logger.info(`uploaded ${file.name}`)
  }
}

/**
 * Opens the announcement issue unless one with the same title exists;
 * returns whether it opened one.
 */
export async function announce(
  gh: GitHubRepo,
  title: string,
  body: string,
  labels: readonly string[],
  logger: Logger,
): Promise<boolean> {
  const issues = await gh.octokit.paginate(gh.octokit.rest.issues.listForRepo, {
    owner: gh.owner,
    repo: gh.repo,
    state: 'all',
    per_page: 100,
    ...(labels.length > 0 ? { labels: labels.join(',') } : {}),
  })
  const same = issues.find((i) => i.title === title && !i.pull_request)
  if (same !== undefined) {
    logger.info(`announcement exists: ${same.html_url}`)
    return false
  }
  const { data } = await gh.octokit.rest.issues.create({
    owner: gh.owner,
    repo: gh.repo,
    title,
    body,
    labels: [...labels],
  })
  logger.info(`opened announcement ${data.html_url}`)
  return true
}

/**
 * Points each floating tag at the commit with a lightweight ref (never a
 * tag of a tag), through the API so no checkout is needed. A tag already on
 * the commit is left alone. Returns the tags that moved.
 */
export async function moveFloatingTags(
  gh: GitHubRepo,
  tags: readonly string[],
  sha: string,
  logger: Logger,
): Promise<string[]> {
  const moved: string[] = []
  for (const tag of tags) {
    try {
      if (await moveTag(gh, tag, sha)) moved.push(tag)
    } catch (error: unknown) {
      throw new Error(
        `moving the floating tag ${tag} to ${sha.slice(0, 7)} failed: ${apiMessage(error)}`,
      )
    }
    if (moved.includes(tag)) logger.info(`moved ${tag} → ${sha.slice(0, 7)}`)
  }
  return moved
}

/** Points one tag ref at a commit; false when it was there already. */
async function moveTag(
  gh: GitHubRepo,
  tag: string,
  sha: string,
): Promise<boolean> {
  const ref = `tags/${tag}`
  let current: { sha: string; type: string } | undefined
  try {
    const { data } = await gh.octokit.rest.git.getRef({
      owner: gh.owner,
      repo: gh.repo,
      ref,
    })
    current = data.object
  } catch (error: unknown) {
    if (httpStatus(error) !== 404) throw error
  }
  if (current?.sha === sha && current.type === 'commit') return false
  if (current === undefined) {
    await gh.octokit.rest.git.createRef({
      owner: gh.owner,
      repo: gh.repo,
      ref: `refs/${ref}`,
      sha,
    })
  } else {
    await gh.octokit.rest.git.updateRef({
      owner: gh.owner,
      repo: gh.repo,
      ref,
      sha,
      force: true,
    })
  }
  return true
}
