import type { GitHubClient } from '../../../lib/github/index.js'
import {
  apiMessage,
  createOnce,
  httpStatus,
  isAlreadyExists,
} from '../../../lib/github/index.js'
import type { Logger } from '../../../lib/runner/index.js'

/** One repository on GitHub, through an Octokit. */
export interface GitHubRepo {
  octokit: GitHubClient
  owner: string
  repo: string
  /** Attempts a create gets when GitHub fails with a 5xx (1 + retries). */
  attempts: number
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
    const made = await createOnce({
      attempts: gh.attempts,
      create: async (request) =>
        (
          await gh.octokit.rest.repos.createRelease({
            owner: gh.owner,
            repo: gh.repo,
            tag_name: spec.tag,
            target_commitish: spec.sha,
            name: spec.name,
            body: spec.body,
            draft: spec.draft,
            prerelease: spec.prerelease,
            make_latest: spec.makeLatest ? 'true' : 'false',
            request,
          })
        ).data as ApiRelease,
      find: () => findRelease(gh, spec.tag),
    })
    logger.info(`created GitHub release ${made.html_url}`)
    return record(made, true)
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
