import type {
  ConventionalCommit,
  ParseOptions,
} from '../../../lib/conventional/index.js'
import {
  expandSquashBody,
  parseCommitMessage,
} from '../../../lib/conventional/index.js'
import type { Bump } from '../../../lib/version/index.js'
import { maxBump } from '../../../lib/version/index.js'
import type { CommitRecord } from './history.js'
import type { NoteEntry } from './notes.js'
import type { TypeRules } from './type-rules.js'

/** A commit that does not count toward the release, and why. */
export interface SkippedCommit {
  sha: string
  header: string
  reason: string
}

/** What the commits since the last release call for. */
export interface Analysis {
  /** undefined: nothing releases. */
  bump?: Bump
  /** The note entries, newest commit first. */
  entries: NoteEntry[]
  skipped: SkippedCommit[]
  /** Likely mistakes, each naming its commit. */
  warnings: string[]
  /** The newest valid `Release-As:` footer. */
  releaseAs?: string
  /** Merges of pull requests, newest first, to link what they brought in. */
  pullMerges: PullMerge[]
}

/** A merge commit GitHub made for a pull request. */
export interface PullMerge {
  /** The pull request's number. */
  number: number
  /** The merge's first parent: the base it merged into. */
  base: string
  /** The merge's second parent: the pull request's head. */
  head: string
}

const PULL_MERGE = /^Merge pull request #(\d+) from /

/** How commits are read. */
export interface AnalyzeOptions extends ParseOptions {
  rules: TypeRules
  squashBody: 'ignore' | 'expand'
  /** The version a release commit of ours names, else undefined. */
  releaseCommitVersion: (header: string) => string | undefined
}

/**
 * Reads commits (newest first) into a bump, note entries and the list of
 * commits that do not count. Reverts cancel by meaning: a revert of a commit
 * in the same range removes both; a revert of a released commit stands as a
 * revert.
 */
export function analyzeCommits(
  commits: readonly CommitRecord[],
  options: AnalyzeOptions,
): Analysis {
  const analyzer = new CommitAnalyzer(options)
  for (const c of commits) analyzer.add(c)
  return analyzer.result()
}

/**
 * The same analysis one commit at a time, so commits can be parsed while
 * git is still writing the rest; `result()` settles reverts and counts.
 */
export class CommitAnalyzer {
  private readonly commits: CommitRecord[] = []
  private readonly parsed = new Map<string, ConventionalCommit>()
  private readonly analysis: Analysis = {
    entries: [],
    skipped: [],
    warnings: [],
    pullMerges: [],
  }

  constructor(private readonly options: AnalyzeOptions) {}

  /** How many commits were added. */
  get count(): number {
    return this.commits.length
  }

  /** Classifies and parses one commit; the next one is older. */
  add(c: CommitRecord): void {
    this.commits.push(c)
    const header = headerOf(c.message)
    if (c.parents.length > 1) {
      this.skip(c, 'merge commit (the commits it brings in are read instead)')
      const pull = PULL_MERGE.exec(header)
      const [base, head] = c.parents
      if (pull !== null && base !== undefined && head !== undefined) {
        this.analysis.pullMerges.push({ number: Number(pull[1]), base, head })
      }
      return
    }
    if (this.options.releaseCommitVersion(header) !== undefined) {
      this.skip(c, 'release commit')
      return
    }
    const result = parseCommitMessage(c.message, this.options)
    for (const w of result.warnings) {
      const named = w.includes(header) ? '' : ` "${header}"`
      this.analysis.warnings.push(`${short(c.sha)}${named}: ${w}`)
    }
    if (!result.ok) {
      const hint = result.hint ? ` (${result.hint})` : ''
      this.skip(c, `not a Conventional Commit: ${result.reason}${hint}`)
      return
    }
    this.parsed.set(c.sha, result.commit)
  }

  /** The analysis of every commit added. */
  result(): Analysis {
    const skip = this.skip.bind(this)
    const cancelled = cancelReverts(this.commits, this.parsed, skip)
    for (const c of this.commits) {
      const commit = this.parsed.get(c.sha)
      if (commit === undefined || cancelled.has(c.sha)) continue
      countCommit(c, commit, this.options, this.analysis, skip)
    }
    return this.analysis
  }

  private skip(c: CommitRecord, reason: string): void {
    this.analysis.skipped.push({
      sha: c.sha,
      header: headerOf(c.message),
      reason,
    })
  }
}

function countCommit(
  c: CommitRecord,
  commit: ConventionalCommit,
  options: AnalyzeOptions,
  analysis: Analysis,
  skip: (c: CommitRecord, reason: string) => void,
): void {
  const parts =
    options.squashBody === 'expand'
      ? expandSquashBody(commit, options)
      : [commit]
  let counted = false
  for (const part of parts) {
    const rule = options.rules.byType.get(part.type)
    const bump: Bump | undefined = part.breaking ? 'major' : rule?.bump
    if (bump === undefined && !part.breaking && rule?.heading === undefined) {
      continue
    }
    counted = true
    analysis.bump = maxBump(analysis.bump, bump)
    const entry: NoteEntry = {
      type: part.type,
      description: part.description,
      sha: c.sha,
      breakingNotes: part.breakingNotes,
    }
    if (part.scope !== undefined) entry.scope = part.scope
    analysis.entries.push(entry)
  }
  if (commit.releaseAs !== undefined) {
    analysis.releaseAs ??= commit.releaseAs
    counted = true
  }
  if (!counted) skip(c, `type \`${commit.type}\` does not release`)
}

/**
 * Newest first, a revert whose target is in the range cancels it and
 * itself; an already-cancelled revert cancels nothing, so a revert of a
 * revert brings the original back.
 */
function cancelReverts(
  commits: readonly CommitRecord[],
  parsed: ReadonlyMap<string, ConventionalCommit>,
  skip: (c: CommitRecord, reason: string) => void,
): Set<string> {
  const cancelled = new Set<string>()
  commits.forEach((c, index) => {
    const revert = parsed.get(c.sha)?.revert
    if (revert === undefined || cancelled.has(c.sha)) return
    const target = commits
      .slice(index + 1)
      .find(
        (older) =>
          !cancelled.has(older.sha) &&
          parsed.has(older.sha) &&
          (revert.sha !== undefined
            ? older.sha.startsWith(revert.sha.toLowerCase())
            : headerOf(older.message) === revert.header),
      )
    if (target === undefined) return
    cancelled.add(c.sha).add(target.sha)
    skip(c, `reverts ${short(target.sha)}, which was never released`)
    skip(target, `reverted by ${short(c.sha)} before any release`)
  })
  return cancelled
}

/** The first line of a message. */
export function headerOf(message: string): string {
  const end = message.indexOf('\n')
  return (end < 0 ? message : message.slice(0, end)).replace(/\r$/, '')
}

/** A commit's short SHA for messages. */
export function short(sha: string): string {
  return sha.slice(0, 7)
}
