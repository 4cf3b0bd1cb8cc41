// The pull request's changed files, from the paginated files API (the
// single-diff endpoint fails past 300 files), and the lines that count
// towards its size.
import { globListMatcher } from '../../../lib/files/index.js'
import { httpStatus } from '../../../lib/github/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { GeneratedFiles } from './gitattributes.js'
import { generatedFiles } from './gitattributes.js'
import type { RepoClient } from './repo-client.js'
import type { SizeName, Thresholds } from './size.js'
import { isLockFile, sizeOf } from './size.js'

/** Why a file's lines do not count towards the size. */
export type Exclusion = 'lock file' | 'generated' | 'ignored'

/** One changed file as the files API lists it. */
export interface FileStat {
  readonly path: string
  /** The path before a rename. */
  readonly previousPath?: string
  readonly additions: number
  readonly deletions: number
}

/** A changed file and whether its lines count. */
export interface ChangedFile extends FileStat {
  readonly excluded?: Exclusion
}

/** How the size is measured. */
export interface SizeRules {
  readonly thresholds: Thresholds
  /** Put before XS…XL to name the label: `size/`. */
  readonly prefix: string
  /** Globs of files whose lines do not count; `!glob` keeps some. */
  readonly ignore: readonly string[]
}

/** What changed, and the size it makes. */
export interface Changes {
  readonly files: readonly ChangedFile[]
  readonly additions: number
  readonly deletions: number
  /** Additions plus deletions of the files that count. */
  readonly counted: number
  readonly size: SizeName
  /** GitHub lists at most 3 000 files; true when the list hit that. */
  readonly capped: boolean
}

/** GitHub's limit on the files API, documented for "List pull request files". */
export const MAX_LISTED_FILES = 3000

/** Sorts the files into counted and not, and measures the size. */
export function countChanges(
  stats: readonly FileStat[],
  generated: Pick<GeneratedFiles, 'isGenerated'>,
  rules: SizeRules,
): Changes {
  const ignored = globListMatcher(rules.ignore)
  const files = stats.map((file): ChangedFile => {
    const excluded = isLockFile(file.path)
      ? 'lock file'
      : generated.isGenerated(file.path)
        ? 'generated'
        : ignored(file.path)
          ? 'ignored'
          : undefined
    return excluded === undefined ? file : { ...file, excluded }
  })
  const sum = (pick: (f: ChangedFile) => number, all: readonly ChangedFile[]) =>
    all.reduce((total, f) => total + pick(f), 0)
  const counted = sum(
    (f) => f.additions + f.deletions,
    files.filter((f) => f.excluded === undefined),
  )
  return {
    files,
    additions: sum((f) => f.additions, files),
    deletions: sum((f) => f.deletions, files),
    counted,
    size: sizeOf(counted, rules.thresholds),
    capped: files.length >= MAX_LISTED_FILES,
  }
}

/** Reads the files and the head's .gitattributes, and counts. */
export async function readChanges(
  client: RepoClient,
  pull: { number: number; headSha: string },
  rules: SizeRules,
  logger: Logger,
): Promise<Changes> {
  const { octokit, owner, repo } = client
  const listed = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: pull.number,
    per_page: 100,
  })
  const stats = listed.map((f): FileStat => ({
    path: f.filename,
    ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
    additions: f.additions,
    deletions: f.deletions,
  }))
  const attributes = await readAttributes(client, pull.headSha, logger)
  const changes = countChanges(stats, attributes, rules)
  if (changes.capped) {
    logger.warning(
      `GitHub lists at most ${MAX_LISTED_FILES} files of a pull request; the size and labels count those`,
      'Pull request files capped',
    )
  }
  return changes
}

/** The root .gitattributes at the head commit; none when absent. */
async function readAttributes(
  client: RepoClient,
  ref: string,
  logger: Logger,
): Promise<GeneratedFiles> {
  const { octokit, owner, repo } = client
  let text = ''
  try {
    const { data } = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: '.gitattributes',
      ref,
    })
    if (!Array.isArray(data) && data.type === 'file' && 'content' in data) {
      text = Buffer.from(data.content, 'base64').toString('utf8')
    }
  } catch (error: unknown) {
    if (httpStatus(error) !== 404) throw error
    logger.debug(`no .gitattributes at ${ref}`)
  }
  const generated = generatedFiles(text)
  for (const line of generated.skipped) {
    logger.debug(`.gitattributes: skipped ${JSON.stringify(line)}`)
  }
  return generated
}
