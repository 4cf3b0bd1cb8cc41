// What the run checks, from the event that started it: the pull request of
// a pull_request or pull_request_target event, the pull request a merge
// queue entry holds, or, outside GitHub Actions, the local branch.
import { existsSync, readFileSync } from 'node:fs'
import { ContextError, errorMessage } from '../../../lib/runner/index.js'
import type { PullRequest } from './pull-request.js'

/** What to check. */
export type LintTrigger =
  | {
      kind: 'pull'
      event: string
      /** `owner/name` of the base repository. */
      repository: string
      /** The pull request as the payload tells it (stale on a re-run). */
      pull: PullRequest & { readonly number: number }
    }
  | {
      kind: 'merge-group'
      repository: string
      /** The pull requests in the queue entry. */
      numbers: number[]
      headRef: string
    }
  | { kind: 'local' }

/** The runner's variables the trigger is read from. */
export interface TriggerVariables {
  /** GITHUB_EVENT_NAME; unset outside GitHub Actions (a laptop). */
  readonly eventName?: string
  /** GITHUB_EVENT_PATH. */
  readonly eventPath?: string
  /** GITHUB_REPOSITORY. */
  readonly repository?: string
}

/** The events lint reads a pull request from. */
export const LINT_EVENTS = [
  'pull_request',
  'pull_request_target',
  'merge_group',
] as const

/** Reads what to check from the event; other events are a ContextError. */
export function readTrigger(vars: TriggerVariables): LintTrigger {
  const event = vars.eventName
  if (event === undefined) return { kind: 'local' }
  if (!LINT_EVENTS.some((e) => e === event)) {
    throw new ContextError(
      'GITHUB_EVENT_NAME',
      event,
      `one of ${LINT_EVENTS.join(', ')}; lint checks pull requests (run it without GITHUB_EVENT_NAME to check a local branch)`,
    )
  }
  const payload = readPayload(vars.eventPath)
  const repository = vars.repository ?? fullName(payload.repository)
  if (repository === undefined) {
    throw new ContextError('GITHUB_REPOSITORY', '', 'owner/name')
  }
  if (event === 'merge_group') {
    const group = record(payload.merge_group)
    const headRef = typeof group.head_ref === 'string' ? group.head_ref : ''
    return {
      kind: 'merge-group',
      repository,
      numbers: mergeGroupPulls(headRef),
      headRef,
    }
  }
  const pull = pullFromJson(payload.pull_request)
  if (pull?.number === undefined) {
    throw new ContextError(
      "the event payload's pull_request",
      JSON.stringify(payload.pull_request ?? null).slice(0, 60),
      'a pull request with a number, a title and a head branch',
    )
  }
  return {
    kind: 'pull',
    event,
    repository,
    pull: { ...pull, number: pull.number },
  }
}

const QUEUE_REF =
  /^(?:refs\/heads\/)?gh-readonly-queue\/.+\/pr-(\d+)-[0-9a-f]{7,64}$/

/**
 * The pull requests of a merge group, from its branch
 * `gh-readonly-queue/<base>/pr-<number>-<sha>`. GitHub makes one merge group
 * per queued pull request, each on top of the one before, so a branch names
 * exactly one; any other shape is refused rather than guessed at.
 */
export function mergeGroupPulls(headRef: string): number[] {
  const number = QUEUE_REF.exec(headRef)?.[1]
  if (number === undefined) {
    throw new ContextError(
      "the event payload's merge_group.head_ref",
      headRef,
      'a merge queue branch `refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>`',
    )
  }
  return [Number(number)]
}

/** A pull request from the API's or a payload's JSON; undefined if none. */
export function pullFromJson(json: unknown): PullRequest | undefined {
  const pr = record(json)
  const head = record(pr.head)
  const base = record(pr.base)
  if (typeof pr.title !== 'string' || typeof head.ref !== 'string') {
    return undefined
  }
  const labels = Array.isArray(pr.labels) ? pr.labels : []
  const headRepo = fullName(head.repo)
  const baseRepo = fullName(base.repo)
  return {
    ...(typeof pr.number === 'number' && { number: pr.number }),
    title: pr.title,
    body: typeof pr.body === 'string' ? pr.body : null,
    labels: labels
      .map((label) => record(label).name)
      .filter((name): name is string => typeof name === 'string'),
    headRef: head.ref,
    // A fork that was deleted leaves head.repo null.
    fork: headRepo === undefined || headRepo !== baseRepo,
    ...(typeof pr.changed_files === 'number' && {
      changedFiles: pr.changed_files,
    }),
  }
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (path === undefined || !existsSync(path)) return {}
  try {
    return record(JSON.parse(readFileSync(path, 'utf8')))
  } catch (error: unknown) {
    throw new Error(
      `the event payload ${path} is not JSON: ${errorMessage(error)}`,
    )
  }
}

function fullName(repo: unknown): string | undefined {
  const name = record(repo).full_name
  return typeof name === 'string' && name !== '' ? name : undefined
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}
