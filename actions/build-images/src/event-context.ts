// What triggered the run, from the runner's variables and the event
// payload: the event, the ref and commit, and a pull request's head or a
// release's tag.
import { existsSync, readFileSync } from 'node:fs'
import type { BuildEvent } from './image-tags.js'
import { ConfigError, errorMessage } from '../../../lib/runner/index.js'

/** The event a build runs for; ref and sha come from git when unset. */
export interface BuildTrigger {
  readonly event: BuildEvent
  /** GITHUB_REF; the checked-out branch when unset (a local run). */
  readonly ref?: string
  /** GITHUB_SHA; HEAD when unset. */
  readonly sha?: string
  readonly pullRequest?: { readonly number: number; readonly headSha: string }
  readonly releaseTag?: string
}

/** The runner's variables the trigger is read from. */
export interface TriggerVariables {
  eventName?: string
  ref?: string
  sha?: string
  /** GITHUB_EVENT_PATH, the event payload's file. */
  eventPath?: string
}

const EVENTS: readonly BuildEvent[] = [
  'push',
  'pull_request',
  'release',
  'workflow_dispatch',
  'schedule',
]

/** Reads the trigger; a local run without GITHUB_EVENT_NAME is a push. */
export function readTrigger(vars: TriggerVariables): BuildTrigger {
  const name = vars.eventName ?? 'push'
  const event = EVENTS.find((e) => e === name)
  if (event === undefined) {
    throw new ConfigError(
      'GITHUB_EVENT_NAME',
      name,
      `one of the events build-images tags for: ${EVENTS.join(', ')}`,
    )
  }
  const payload = readPayload(vars.eventPath)
  const pullRequest = pullRequestOf(payload)
  const releaseTag = releaseTagOf(payload)
  return {
    event,
    ...(vars.ref === undefined ? {} : { ref: vars.ref }),
    ...(vars.sha === undefined ? {} : { sha: vars.sha }),
    ...(event === 'pull_request' && pullRequest ? { pullRequest } : {}),
    ...(event === 'release' && releaseTag ? { releaseTag } : {}),
  }
}

function readPayload(path: string | undefined): Record<string, unknown> {
  if (path === undefined || !existsSync(path)) return {}
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
    return isRecord(parsed) ? parsed : {}
  } catch (error: unknown) {
    throw new Error(
      `the event payload ${path} is not JSON: ${errorMessage(error)}`,
    )
  }
}

function pullRequestOf(
  payload: Record<string, unknown>,
): BuildTrigger['pullRequest'] {
  const pr = payload.pull_request
  if (!isRecord(pr) || !isRecord(pr.head)) return undefined
  const { number } = pr
  const { sha } = pr.head
  if (typeof number !== 'number' || typeof sha !== 'string') return undefined
  return { number, headSha: sha }
}

function releaseTagOf(payload: Record<string, unknown>): string | undefined {
  const release = payload.release
  if (!isRecord(release)) return undefined
  return typeof release.tag_name === 'string' ? release.tag_name : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
