// A pull request as the checks see it, whether it came from GitHub's API,
// an event payload or a local git branch.

/** What the checks read of a pull request. */
export interface PullRequest {
  /** Undefined for a branch checked on a laptop. */
  readonly number?: number
  readonly title: string
  readonly body: string | null
  readonly labels: readonly string[]
  /** The branch the changes come from: `pull_request.head.ref`. */
  readonly headRef: string
  /** Whether the head branch lives in another repository. */
  readonly fork: boolean
  /** How many files GitHub counts as changed, when it says. */
  readonly changedFiles?: number
}

/** One changed file. */
export interface ChangedFile {
  /** Repository-relative, `/`-separated. */
  readonly path: string
  /** `added`, `modified`, `renamed`, `removed`… as GitHub says it. */
  readonly status: string
  /** Lines added; undefined when unknown (a binary file in git). */
  readonly additions?: number
  /** The file's hunks; absent when GitHub sends none (too large, binary). */
  readonly patch?: string
}

/** The changed files, and how many the source could not list. */
export interface FileList {
  readonly files: readonly ChangedFile[]
  /** Files changed but not listed (GitHub lists at most 3000). */
  readonly unlisted: number
}

/** One pull request to check, its files read only when a check needs them. */
export interface LintTarget {
  readonly pull: PullRequest
  files(): Promise<FileList>
}

/** How a pull request is named in logs and the summary. */
export function pullName(pull: PullRequest): string {
  const title = JSON.stringify(pull.title)
  return pull.number === undefined
    ? `branch ${pull.headRef || '(detached HEAD)'} ${title}`
    : `#${pull.number} ${title}`
}
