// Whether a stable release may move `latest` and the floating `1` / `1.2`:
// only when every other release tag is known, so that a back-port never
// drags them backwards. actions/checkout's default clone is shallow and
// holds no other tag, so the tag names are then read from the remote with
// `git ls-remote --tags`, which fetches names only, no history.
import type { GitFacts } from './git-facts.js'
import { remoteTagNames } from './git-facts.js'
import * as semver from 'semver'
import type { CommandRunner } from '../../../lib/command/index.js'
import { errorMessage } from '../../../lib/runner/index.js'

/** The release tags a build decides its floating tags from. */
export interface ReleaseHistory {
  /** Every tag known: the clone's, and the remote's when they were read. */
  readonly tags: readonly string[]
  /** Whether `latest` and the floating tags may move. */
  readonly floating: boolean
  /** Where the tags came from, for the log. */
  readonly note?: string
  /** Why the floating tags stay where they are. */
  readonly warning?: string
}

/** What reading the remote needs. */
export interface HistoryDeps {
  readonly run: CommandRunner
  /** The folder git runs in. */
  readonly cwd: string
}

// A remote that asks for a password or a host key would wait forever; a
// step must not.
const LS_REMOTE_TIMEOUT_MS = 30_000

const FIX =
  'check out with `fetch-depth: 0` (actions/checkout) so that every release tag is there'

/**
 * The release tags around `version` (a stable one) and whether it may move
 * the floating tags: from the clone when it is complete, else from the
 * remote; when neither can tell, only a repository without a remote whose
 * full history holds no other release counts as a first release.
 */
export async function releaseHistory(
  version: string,
  facts: GitFacts,
  deps: HistoryDeps,
): Promise<ReleaseHistory> {
  const others = otherReleases(facts.tags, version)
  if (facts.repository && !facts.shallow && others > 0) {
    return { tags: facts.tags, floating: true }
  }
  const why = !facts.repository
    ? 'the working directory is not a git repository'
    : facts.shallow
      ? 'the clone is shallow'
      : 'the clone holds no other release tag'
  const remote = facts.remotes.includes('origin') ? 'origin' : facts.remotes[0]
  let failure = 'there is no remote to read the release tags from'
  if (remote !== undefined) {
    const read = await lsRemoteTags(remote, deps)
    if (Array.isArray(read)) {
      const tags = [...new Set([...facts.tags, ...read])]
      const found = otherReleases(tags, version)
      return {
        tags,
        floating: true,
        note: `${why}, so the release tags were read from ${remote} (git ls-remote --tags): ${found} other release${found === 1 ? '' : 's'}`,
      }
    }
    failure = `git ls-remote --tags ${remote} failed (${read.error})`
  }
  if (facts.repository && !facts.shallow && remote === undefined) {
    // A repository with no remote is its own source of tags: they are all
    // here, and none names another release.
    return {
      tags: facts.tags,
      floating: true,
      note: `the repository has no remote and its full history holds no other release tag, so ${version} is the first release`,
    }
  }
  return {
    tags: facts.tags,
    floating: false,
    warning: `${why} and ${failure}, so whether a release above ${version} exists is unknown: \`latest\` and the floating tags stay where they are and the image is tagged ${version} only; ${FIX}`,
  }
}

/** How many tags name a stable release other than `version`. */
export function otherReleases(
  tags: readonly string[],
  version: string,
): number {
  return tags.filter((tag) => {
    const bare = tag.replace(/^v/, '')
    const parsed = semver.valid(bare)
    return (
      parsed !== null &&
      parsed === bare &&
      semver.prerelease(parsed) === null &&
      parsed !== version
    )
  }).length
}

async function lsRemoteTags(
  remote: string,
  deps: HistoryDeps,
): Promise<string[] | { error: string }> {
  try {
    const result = await deps.run(
      'git',
      ['ls-remote', '--tags', '--refs', remote],
      {
        cwd: deps.cwd,
        env: { GIT_TERMINAL_PROMPT: '0' },
        timeoutMs: LS_REMOTE_TIMEOUT_MS,
      },
    )
    if (result.exitCode === 0) return remoteTagNames(result.stdout)
    const said = result.stderr.split('\n').find((line) => line.trim() !== '')
    // A remote URL may carry a user and password; the warning must not.
    const error = said?.trim().replace(/\/\/[^/@\s]+@/g, '//***@')
    return { error: error ?? `exit ${result.exitCode}` }
  } catch (error: unknown) {
    return { error: errorMessage(error) }
  }
}
