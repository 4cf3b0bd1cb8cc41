import * as semver from 'semver'
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { Bump } from '../../../lib/version/index.js'
import { formatTag, nextVersion } from '../../../lib/version/index.js'
import type { Analysis, AnalyzeOptions } from './analyze.js'
import { analyzeCommits } from './analyze.js'
import { linkPullRequests } from './pull-links.js'
import { insertRelease } from './changelog.js'
import type { ReleaseTag } from './history.js'
import { readCommits } from './history.js'
import type { NoteEntry } from './notes.js'
import { renderNotes } from './notes.js'
import type { ReleaseLine } from './release-line.js'
import type { ReleaseSettings } from './settings.js'
import type { FileChange } from '../../../lib/files/index.js'
import { applyVersion, defaultVersionFiles } from './version-files.js'

/** Reads a file of the working tree; undefined when it does not exist. */
export type ReadFile = (path: string) => string | undefined

/** What a release will be, computed in memory: nothing is written yet. */
export interface ReleasePlan {
  version: string
  tag: string
  previous?: ReleaseTag
  bump?: Bump
  prerelease: boolean
  notes: string
  changes: FileChange[]
  analysis: Analysis
}

/** Why there is nothing to release, with what was read. */
export interface NoRelease {
  reason: string
  analysis: Analysis
  previous?: ReleaseTag
}

/** How the release stage reads commits, from its settings. */
export function analyzeOptions(
  settings: ReleaseSettings,
  releaseCommitVersion: (header: string) => string | undefined,
): AnalyzeOptions {
  return {
    rules: settings.rules,
    squashBody: settings.squashBody,
    stripLeadingEmoji: settings.stripLeadingEmoji,
    releaseCommitVersion,
  }
}

/** What planning needs besides the settings. */
export interface PlanContext {
  git: Git
  logger: Logger
  readFile: ReadFile
  /** Today's date, YYYY-MM-DD, for the notes' heading. */
  date: string
  /** The version a release commit of ours names, else undefined. */
  releaseCommitVersion: (header: string) => string | undefined
}

/**
 * Steps 2–4 of a release: reads the commits since the line's last release,
 * computes the next version, renders the notes and the file edits.
 */
export async function planRelease(
  settings: ReleaseSettings,
  line: ReleaseLine,
  ctx: PlanContext,
): Promise<ReleasePlan | NoRelease> {
  const { logger } = ctx
  const previous = line.lastOnChannel ?? line.lastStable
  logger.info(
    line.lastStable === undefined
      ? `${line.sinceStableCount} commit(s) in the whole history (no release tag yet)`
      : `${line.sinceStableCount} commit(s) since ${line.lastStable.tag}`,
  )
  const whole = line.sinceStable
  // On a pre-release line the bump counts every commit since the stable
  // release, while the notes list only what the line has not released yet.
  const analysis =
    line.lastOnChannel === undefined
      ? whole
      : analyzeCommits(
          await readCommits(
            ctx.git,
            line.lastOnChannel.sha,
            'HEAD',
            settings.paths,
          ),
          analyzeOptions(settings, ctx.releaseCommitVersion),
        )
  for (const warning of whole.warnings)
    logger.warning(warning, 'Commit message')

  const base = baseVersion(settings, line, ctx)
  let version: string | undefined
  if (whole.releaseAs !== undefined) {
    version = checkReleaseAs(whole.releaseAs, base, logger)
  }
  const overridden = version !== undefined
  if (version === undefined) {
    if (analysis.bump === undefined && line.lastOnChannel !== undefined) {
      return {
        reason: 'no commit since the last pre-release calls for a release',
        analysis,
        ...withPrevious(previous),
      }
    }
    if (whole.bump === undefined) {
      return {
        reason: 'no commit since the last release calls for a release',
        analysis,
        ...withPrevious(previous),
      }
    }
    version = nextVersion({
      ...(base !== undefined ? { lastStable: base } : {}),
      bump: whole.bump,
      initialVersion: settings.initialVersion,
      preMajor: settings.preMajor,
      ...(line.channel !== undefined ? { channel: line.channel } : {}),
      ...(line.lastOnChannel !== undefined
        ? { lastOnChannel: line.lastOnChannel.version }
        : {}),
    })
  }
  line.checkVersion(version)
  checkAboveReleased(version, line)
  await linkPullRequests(ctx.git, analysis)
  const tag = formatTag(version, settings.tagFormat)
  const notes = releaseNotes(analysis.entries, settings, ctx.date, {
    version,
    tag,
    ...withPrevious(previous),
  })
  const plan: ReleasePlan = {
    version,
    tag,
    prerelease: semver.prerelease(version) !== null,
    notes,
    changes: fileChanges(settings, ctx.readFile, version, notes),
    analysis,
    ...withPrevious(previous),
  }
  // A Release-As override names the version; no bump made it.
  if (!overridden && whole.bump !== undefined) plan.bump = whole.bump
  return plan
}

/**
 * A pre-release must sort above every stable release: when the main line
 * has released its base since the channel branched, the channel has to
 * take the main line in first.
 */
function checkAboveReleased(version: string, line: ReleaseLine): void {
  if (line.channel === undefined) return
  const base = `${semver.major(version)}.${semver.minor(version)}.${semver.patch(version)}`
  const released = line.tags.find(
    (t) => semver.prerelease(t.version) === null && semver.gte(t.version, base),
  )
  if (released !== undefined) {
    throw new Error(
      `${released.tag} is already released, so ${version} would sort below it; merge the branch that released it into ${line.branch} first`,
    )
  }
}

/** The notes of one release, with links on the configured server. */
export function releaseNotes(
  entries: NoteEntry[],
  settings: ReleaseSettings,
  date: string,
  release: { version: string; tag: string; previous?: ReleaseTag },
): string {
  return renderNotes(entries, {
    version: release.version,
    tag: release.tag,
    date,
    serverUrl: settings.serverUrl,
    sections: settings.rules.sections,
    ...(release.previous !== undefined
      ? { previousTag: release.previous.tag }
      : {}),
    ...(settings.repository !== undefined
      ? { repository: settings.repository }
      : {}),
  })
}

function withPrevious(previous: ReleaseTag | undefined): {
  previous?: ReleaseTag
} {
  return previous === undefined ? {} : { previous }
}

/**
 * The version the bump starts from: the last stable release, or with no
 * release tag yet a higher version already in package.json (C13).
 */
function baseVersion(
  settings: ReleaseSettings,
  line: ReleaseLine,
  ctx: PlanContext,
): string | undefined {
  if (line.lastStable !== undefined) return line.lastStable.version
  const manifest = ctx.readFile('package.json')
  if (manifest === undefined) return undefined
  let declared: unknown
  try {
    declared = (JSON.parse(manifest) as { version?: unknown }).version
  } catch {
    return undefined
  }
  if (
    typeof declared === 'string' &&
    semver.valid(declared) === declared &&
    semver.prerelease(declared) === null &&
    semver.gt(declared, settings.initialVersion)
  ) {
    ctx.logger.warning(
      `no release tag matches ${settings.tagFormatText}; taking package.json's version ${declared} as the last release`,
      'No earlier release tag',
    )
    return declared
  }
  return undefined
}

function checkReleaseAs(
  wanted: string,
  base: string | undefined,
  logger: Logger,
): string | undefined {
  const version = semver.valid(wanted)
  if (version === null || (base !== undefined && !semver.gt(version, base))) {
    logger.warning(
      `Release-As: ${wanted} is ignored: it must be a semver version above ${base ?? '0.0.0'}`,
      'Release-As',
    )
    return undefined
  }
  return version
}

function fileChanges(
  settings: ReleaseSettings,
  readFile: ReadFile,
  version: string,
  notes: string,
): FileChange[] {
  const changes: FileChange[] = []
  if (settings.changelogFile !== undefined) {
    const before = readFile(settings.changelogFile)
    const update = insertRelease(before, notes, {
      title: settings.changelogTitle,
      version,
    })
    if (update.changed) {
      changes.push({ path: settings.changelogFile, before, after: update.text })
    }
  }
  const files =
    settings.versionFiles ??
    defaultVersionFiles((path) => readFile(path) !== undefined)
  for (const change of applyVersion(files, readFile, version)) {
    changes.push(change)
  }
  return changes
}
