import {
  ConfigError,
  booleanInput,
  choiceInput,
  insidePath,
  integerInput,
  lineListInput,
  listInput,
  multilineInput,
  optionalInput,
  secretInput,
  workingDirectoryInput,
} from '../../../lib/runner/index.js'
import type { ImageRequest } from './requests.js'
import type { Target } from './targets.js'
import { parseImages } from './requests.js'
import { parseTargets } from './targets.js'
import type { Mode } from './update.js'

/** Every input of update-manifests, read once and checked. */
export interface UpdateSettings {
  /** `images` was an empty list (build-images built nothing). */
  readonly nothingToDo: boolean
  readonly workingDirectory: string
  readonly images: readonly ImageRequest[]
  readonly files: readonly string[]
  readonly targets: readonly Target[]
  readonly mode: Mode
  /** The branch to push to or open the pull request against; undefined: the checked-out one. */
  readonly branch?: string
  readonly remote: string
  readonly pushRetries: number
  readonly commitMessage?: string
  readonly gitUserName: string
  readonly gitUserEmail: string
  readonly pullBranch?: string
  readonly pullBranchPrefix: string
  readonly pullLabels: readonly string[]
  readonly throughAliases: boolean
  readonly allowUnmatched: boolean
  readonly dryRun: boolean
  readonly token?: string
  /** `owner/name` of the GitOps repository; undefined: read from the remote's URL. */
  readonly repository?: string
  readonly apiUrl: string
}

/** The runner's context the settings also draw on. */
export interface RunnerContext {
  readonly workspace?: string
  readonly apiUrl?: string
}

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(ctx: RunnerContext): UpdateSettings {
  const workingDirectory = workingDirectoryInput(ctx.workspace)
  const tag = optionalInput('tag')
  const imagesText = multilineInput('images')
  const images = imagesText === undefined ? [] : parseImages(imagesText, tag)
  // build-images' `images` is `[]` when a release event built nothing:
  // then there is nothing to set, and the job is not a failure.
  const nothingToDo = imagesText !== undefined && images.length === 0
  const targets = nothingToDo
    ? []
    : parseTargets(multilineInput('targets'), images)
  if (images.length === 0 && targets.length === 0 && !nothingToDo) {
    throw new ConfigError(
      'images',
      '',
      'at least one image (`ghcr.io/org/api:1.4.1`, one a line), or targets',
    )
  }
  const mode = choiceInput<Mode>(
    'mode',
    ['push', 'pull-request', 'write'],
    'push',
  )
  const files = lineListInput('files').map((glob) =>
    glob.startsWith('!')
      ? `!${insidePath('files', glob.slice(1))}`
      : insidePath('files', glob),
  )
  if (files.length > 0 && files.every((glob) => glob.startsWith('!'))) {
    throw new ConfigError(
      'files',
      files.join('\n'),
      'at least one glob that includes files; `!glob` lines only exclude',
    )
  }
  if (files.length === 0 && images.length > 0) {
    // No default: in a repository with staging and production, "every YAML
    // file" would move both. The files say which environment this is.
    throw new ConfigError(
      'files',
      '',
      'globs of the files to scan for the images, one a line, such as ' +
        '`apps/*/overlays/staging/**` (required, so an update never reaches ' +
        'another environment by accident; `**/*.yaml` when the repository has one)',
    )
  }
  const token = secretInput('token')
  const repository = optionalInput('repository')
  if (repository !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repository)) {
    throw new ConfigError('repository', repository, 'owner/name')
  }
  const dryRun = booleanInput('dry-run', false)
  if (mode === 'pull-request' && !dryRun && token === undefined) {
    throw new ConfigError(
      'token',
      '',
      'a token with pull-requests: write in pull-request mode',
    )
  }
  // `${{ github.ref }}` gives refs/heads/main; the branch is main.
  const branch = branchName(optionalInput('branch'))
  const pullBranch = branchName(optionalInput('pr-branch'))
  for (const [name, value] of [
    ['branch', branch],
    ['pr-branch', pullBranch],
  ] as const) {
    if (value !== undefined && !validBranch(value)) {
      throw new ConfigError(name, value, 'a valid git branch name')
    }
  }
  return {
    nothingToDo,
    workingDirectory,
    images,
    targets,
    files,
    mode,
    ...(branch === undefined ? {} : { branch }),
    remote: optionalInput('remote') ?? 'origin',
    pushRetries: integerInput('push-retries', 3, 0, 20),
    ...optional('commitMessage', optionalInput('commit-message')),
    gitUserName: optionalInput('git-user-name') ?? 'github-actions[bot]',
    gitUserEmail:
      optionalInput('git-user-email') ??
      '41898282+github-actions[bot]@users.noreply.github.com',
    ...optional('pullBranch', pullBranch),
    pullBranchPrefix: optionalInput('pr-branch-prefix') ?? 'update-manifests/',
    pullLabels: listInput('pr-labels'),
    throughAliases: booleanInput('allow-alias-edits', false),
    allowUnmatched: booleanInput('allow-unmatched', false),
    dryRun,
    ...optional('token', token),
    ...optional('repository', repository),
    apiUrl: ctx.apiUrl ?? 'https://api.github.com',
  }
}

function branchName(value: string | undefined): string | undefined {
  return value?.replace(/^refs\/heads\//, '')
}

function optional<K extends string>(
  key: K,
  value: string | undefined,
): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>)
}

// git check-ref-format's rules, the ones a typo breaks.
function validBranch(name: string): boolean {
  return (
    /^[^\s~^:?*[\\]+$/.test(name) &&
    !/\p{Cc}/u.test(name) &&
    !name.startsWith('-') &&
    !name.startsWith('/') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock') &&
    !name.includes('..') &&
    !name.includes('//') &&
    !name.includes('@{')
  )
}
