import * as semver from 'semver'
import type { PreMajorPolicy, TagFormat } from '../../../lib/version/index.js'
import { parseTagFormat } from '../../../lib/version/index.js'
import {
  ConfigError,
  booleanInput,
  choiceInput,
  insidePath,
  integerInput,
  lineListInput,
  listInput,
  optionalInput,
  secretInput,
  workingDirectoryInput,
} from '../../../lib/runner/index.js'
import type { TypeRules } from './type-rules.js'
import { parseTypeRules } from './type-rules.js'
import type { VersionFile } from './version-files.js'
import { parseVersionFileSpec } from './version-files.js'

/** Every input of the release stage, read once and checked. */
export interface ReleaseSettings {
  /** The repository's working tree. */
  workingDirectory: string
  /** The branch being released; from GITHUB_REF_NAME or git. */
  branch?: string
  /**
   * Pathspecs, relative to the working directory, that a commit must touch
   * to count; empty: every commit of the repository counts.
   */
  paths: string[]
  /** Branches that release stable versions (names or `1.x`, `1.4.x`). */
  releaseBranches: string[]
  /** Pre-release branches and their channel ids. */
  prereleaseBranches: ReadonlyMap<string, string>
  tagFormat: TagFormat
  /** The tag format as written, for messages. */
  tagFormatText: string
  initialVersion: string
  preMajor: PreMajorPolicy
  rules: TypeRules
  squashBody: 'ignore' | 'expand'
  stripLeadingEmoji: boolean
  /** The changelog's path, or undefined when no changelog is kept. */
  changelogFile?: string
  changelogTitle: string
  /** undefined: package.json and its lockfile, when they exist. */
  versionFiles?: VersionFile[]
  /** The release commit's message, with ${version}. */
  commitMessage: string
  gitUserName: string
  gitUserEmail: string
  remote: string
  push: boolean
  githubRelease: boolean
  /** Globs of files to attach to the GitHub release. */
  artifacts: string[]
  npmPack: boolean
  checksums: boolean
  announce: boolean
  announceLabels: string[]
  floatingTags: boolean
  dryRun: boolean
  /** GitHub API access; undefined when GitHub is not used. */
  token?: string
  apiUrl: string
  serverUrl: string
  /** `owner/name`. */
  repository?: string
  apiRetries: number
}

/** The runner's context the settings also draw on. */
export interface RunnerContext {
  workspace?: string
  refName?: string
  refType?: string
  repository?: string
  apiUrl?: string
  serverUrl?: string
}

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(ctx: RunnerContext): ReleaseSettings {
  const tagFormatText = optionalInput('tag-format') ?? 'v${version}'
  const initialVersion = optionalInput('initial-version') ?? '0.1.0'
  if (semver.valid(initialVersion) !== initialVersion) {
    throw new ConfigError(
      'initial-version',
      initialVersion,
      'a semver version like 0.1.0',
    )
  }
  const commitMessage =
    optionalInput('commit-message') ?? 'chore(release): ${version}'
  if (!commitMessage.includes('${version}')) {
    throw new ConfigError(
      'commit-message',
      commitMessage,
      'a message holding ${version}',
    )
  }
  const versionFilesText = listInput('version-files')
  const settings: ReleaseSettings = {
    workingDirectory: workingDirectoryInput(ctx.workspace),
    paths: lineListInput('paths'),
    releaseBranches: orDefault(listInput('release-branches'), [
      'main',
      'master',
    ]),
    prereleaseBranches: parsePrereleaseBranches(
      listInput('prerelease-branches'),
    ),
    tagFormat: parseTagFormat(tagFormatText),
    tagFormatText,
    initialVersion,
    preMajor: choiceInput('pre-major', ['minor', 'semver'], 'minor'),
    rules: parseTypeRules(listInput('types')),
    squashBody: choiceInput('squash-body', ['ignore', 'expand'], 'ignore'),
    stripLeadingEmoji: booleanInput('strip-leading-emoji', false),
    changelogTitle: optionalInput('changelog-title') ?? '# Changelog',
    commitMessage,
    gitUserName: optionalInput('git-user-name') ?? 'github-actions[bot]',
    gitUserEmail:
      optionalInput('git-user-email') ??
      '41898282+github-actions[bot]@users.noreply.github.com',
    remote: optionalInput('remote') ?? 'origin',
    push: booleanInput('push', true),
    githubRelease: booleanInput('github-release', true),
    artifacts: lineListInput('artifacts').map((glob) =>
      insidePath('artifacts', glob),
    ),
    npmPack: booleanInput('npm-pack', false),
    checksums: booleanInput('checksums', true),
    announce: booleanInput('announce', false),
    announceLabels: orDefault(listInput('announce-labels'), ['release']),
    floatingTags: booleanInput('floating-tags', false),
    dryRun: booleanInput('dry-run', false),
    apiUrl: ctx.apiUrl ?? 'https://api.github.com',
    serverUrl: ctx.serverUrl ?? 'https://github.com',
    apiRetries: integerInput('api-retries', 3, 0, 10),
  }
  for (const name of settings.prereleaseBranches.keys()) {
    if (settings.releaseBranches.includes(name)) {
      throw new ConfigError(
        'prerelease-branches',
        name,
        `a branch that is not also a stable release branch (release-branches: ${settings.releaseBranches.join(', ')})`,
      )
    }
  }
  const branch =
    optionalInput('branch') ?? (ctx.refType === 'tag' ? undefined : ctx.refName)
  if (branch !== undefined) settings.branch = branch
  const changelog = optionalInput('changelog-file') ?? 'CHANGELOG.md'
  if (!['false', 'none'].includes(changelog)) {
    settings.changelogFile = insidePath('changelog-file', changelog)
  }
  if (versionFilesText.length > 0) {
    settings.versionFiles =
      versionFilesText.length === 1 && versionFilesText[0] === 'none'
        ? []
        : versionFilesText.map(parseVersionFileSpec)
  }
  const token = secretInput('token')
  if (token !== undefined) settings.token = token
  if (ctx.repository !== undefined) settings.repository = ctx.repository
  const needsGitHub = settings.githubRelease || settings.announce
  if (needsGitHub && !settings.dryRun) {
    if (settings.token === undefined) {
      throw new ConfigError(
        'token',
        '',
        'a token (github.token) while github-release or announce is on',
      )
    }
    if (settings.repository === undefined) {
      throw new Error(
        'GITHUB_REPOSITORY is not set, so the GitHub repository is unknown; the runner sets it, a local run needs GITHUB_REPOSITORY=owner/name',
      )
    }
  }
  if (
    (settings.artifacts.length > 0 || settings.npmPack) &&
    !settings.githubRelease
  ) {
    throw new ConfigError(
      'artifacts',
      settings.artifacts.join(', ') || 'npm-pack',
      'github-release: true, since artifacts are attached to the GitHub release',
    )
  }
  return settings
}

function orDefault(list: string[], fallback: string[]): string[] {
  return list.length > 0 ? list : fallback
}

/**
 * `next` or `beta:beta`, one per line: branch name, then channel id. A
 * branch name alone gives its channel with other characters turned into
 * hyphens (`release/next` → `release-next`).
 */
function parsePrereleaseBranches(lines: string[]): Map<string, string> {
  const branches = new Map<string, string>()
  for (const line of lines) {
    const [branch = '', named] = line.split(':').map((s) => s.trim())
    const channel =
      named ?? branch.replace(/[^0-9A-Za-z-]+/g, '-').replace(/^-+|-+$/g, '')
    if (branch === '' || !/^[0-9A-Za-z-]+$/.test(channel)) {
      throw new ConfigError(
        'prerelease-branches',
        line,
        'lines of `branch` or `branch:channel`, where a channel is made of letters, digits and hyphens',
      )
    }
    branches.set(branch, channel)
  }
  return branches
}
