// Which pull request and head SHA a run describes, from the event that
// started it or from a summary saved by an earlier run, and whether its
// token can write at all.
import { existsSync, readFileSync } from 'node:fs'
import { ContextError, errorMessage } from '../../../lib/runner/index.js'
import type { SavedSummary } from './summary-file.js'

/** The pull request a run writes to. */
export interface PullTarget {
  readonly number: number
  /** The head commit the summary describes. */
  readonly headSha: string
  /** Why the token can only read, when it can; no write is tried then. */
  readonly readOnly?: string
}

/** What started the run. */
export interface EventContext {
  /** GITHUB_EVENT_NAME. */
  readonly eventName?: string
  /** The payload of GITHUB_EVENT_PATH. */
  readonly payload: Record<string, unknown>
  /** GITHUB_ACTOR. */
  readonly actor?: string
}

const PULL_EVENTS = ['pull_request', 'pull_request_target']
const SAVED_EVENTS = [...PULL_EVENTS, 'workflow_run']

/** The pull request of a pull_request or pull_request_target event. */
export function targetOf(event: EventContext): PullTarget {
  const name = event.eventName ?? ''
  if (!PULL_EVENTS.includes(name)) {
    throw new ContextError(
      'GITHUB_EVENT_NAME',
      name,
      'pull_request or pull_request_target; a workflow_run job posts a summary saved by a pull_request run with the `from-file` input',
    )
  }
  const pull = pullOf(event.payload)
  const head = record(pull.head)
  const base = record(pull.base)
  const sha = head.sha
  if (typeof pull.number !== 'number' || typeof sha !== 'string') {
    throw new ContextError(
      "the event payload's pull_request",
      JSON.stringify({ number: pull.number ?? null, sha: sha ?? null }),
      'a pull request with a number and head.sha',
    )
  }
  const headRepo = record(head.repo).full_name
  const baseRepo = record(base.repo).full_name
  const readOnly = readOnlyReason(name, event.actor, headRepo, baseRepo)
  return {
    number: pull.number,
    headSha: sha,
    ...(readOnly ? { readOnly } : {}),
  }
}

/**
 * The pull request a saved summary is for, checked against the event so
 * a file from an untrusted run can only speak for the commit that run had.
 */
export function savedTargetOf(
  event: EventContext,
  saved: SavedSummary,
): PullTarget {
  const name = event.eventName ?? ''
  if (!SAVED_EVENTS.includes(name)) {
    throw new ContextError(
      'GITHUB_EVENT_NAME',
      name,
      `one of ${SAVED_EVENTS.join(', ')} to post a saved summary`,
    )
  }
  if (name === 'workflow_run') {
    const sha = record(event.payload.workflow_run).head_sha
    if (sha !== saved.headSha) {
      throw new ContextError(
        "the event payload's workflow_run.head_sha",
        String(sha),
        `the head SHA the summary file describes (${saved.headSha}): the file must come from the run that triggered this one`,
      )
    }
    return { number: saved.pr, headSha: saved.headSha }
  }
  const target = targetOf(event)
  if (target.number !== saved.pr) {
    throw new ContextError(
      "the event payload's pull_request.number",
      String(target.number),
      `the pull request the summary file is for (#${saved.pr})`,
    )
  }
  return { ...target, headSha: saved.headSha }
}

function readOnlyReason(
  event: string,
  actor: string | undefined,
  headRepo: unknown,
  baseRepo: unknown,
): string | undefined {
  // pull_request_target runs in the base repository with its token; only
  // pull_request runs of forks and of Dependabot get a read-only one.
  if (event !== 'pull_request') return undefined
  if (typeof headRepo !== 'string' || headRepo !== baseRepo) {
    const from = typeof headRepo === 'string' ? headRepo : 'a deleted fork'
    return `the pull request comes from ${from}, and pull_request runs of forks get a read-only token`
  }
  if (actor === 'dependabot[bot]') {
    return "Dependabot's pull_request runs get a read-only token"
  }
  return undefined
}

/** The event payload; none when the file is missing (a local run). */
export function readPayload(path: string | undefined): Record<string, unknown> {
  if (path === undefined || !existsSync(path)) return {}
  try {
    return record(JSON.parse(readFileSync(path, 'utf8')) as unknown)
  } catch (error: unknown) {
    throw new Error(
      `the event payload ${path} is not JSON: ${errorMessage(error)}`,
    )
  }
}

function pullOf(payload: Record<string, unknown>): Record<string, unknown> {
  return record(payload.pull_request)
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}
