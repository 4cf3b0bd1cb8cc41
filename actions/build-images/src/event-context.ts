// What triggered the run, from the runner's variables and the event
// payload: the event, the ref and commit, a pull request's head, and a
// release's tag, action and pre-release flag.
import { existsSync, readFileSync } from 'node:fs'
import type { BuildEvent } from './image-tags.js'
import { ContextError } from '../../../lib/runner/index.js'
import { errorMessage } from '../../../lib/runner/index.js'

/** The event a build runs for; ref and sha come from git when unset. */
export interface BuildTrigger {
  readonly event: BuildEvent
  /** GITHUB_REF; the checked-out branch when unset (a local run). */
  readonly ref?: string
  /** GITHUB_SHA; HEAD when unset. */
  readonly sha?: string
  readonly pullRequest?: { readonly number: number; readonly headSha: string }
  readonly releaseTag?: string
  /** The release event's activity: `published`, `created`, `deleted`… */
  readonly releaseAction?: string
  /** A GitHub pre-release: its image gets the full version only. */
  readonly prerelease?: boolean
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
  'merge_group',
]

/** The release activities that publish a release, and so build its image. */
export const BUILDING_RELEASE_ACTIONS: readonly string[] = [
  'published',
  'released',
  'prereleased',
]

// pull_request_target runs with the base repository's secrets and a token
// that can write, on GITHUB_REF of the base branch: a build there would run
// the pull request's Dockerfile with those secrets and push its image under
// the base branch's tags (the "pwn request" of GitHub Security Lab).
const PULL_REQUEST_TARGET =
  "pull_request for pull requests: build-images refuses pull_request_target, which runs with the base repository's secrets and GITHUB_REF of the base branch, so the pull request's code would be built with those secrets and pushed under the base branch's tags"

/** Reads the trigger; a local run without GITHUB_EVENT_NAME is a push. */
export function readTrigger(vars: TriggerVariables): BuildTrigger {
  const name = vars.eventName ?? 'push'
  if (name === 'pull_request_target') {
    throw new ContextError('GITHUB_EVENT_NAME', name, PULL_REQUEST_TARGET)
  }
  const event = EVENTS.find((e) => e === name)
  if (event === undefined) {
    throw new ContextError(
      'GITHUB_EVENT_NAME',
      name,
      `one of the events build-images tags for: ${EVENTS.join(', ')}`,
    )
  }
  const payload = readPayload(vars.eventPath)
  const pullRequest = pullRequestOf(payload)
  return {
    event,
    ...(vars.ref === undefined ? {} : { ref: vars.ref }),
    ...(vars.sha === undefined ? {} : { sha: vars.sha }),
    ...(event === 'pull_request' && pullRequest ? { pullRequest } : {}),
    ...(event === 'release' ? releaseOf(payload) : {}),
  }
}

/**
 * Why this trigger builds nothing, or undefined when it builds: a release
 * created as a draft, edited, unpublished or deleted changes no image.
 */
export function nothingToBuild(trigger: BuildTrigger): string | undefined {
  const action = trigger.releaseAction
  if (trigger.event !== 'release' || action === undefined) return undefined
  if (BUILDING_RELEASE_ACTIONS.includes(action)) return undefined
  const release = trigger.releaseTag ?? 'without a tag'
  return `a release event with action "${action}" (release ${release}) changes no image, so nothing is built; build-images builds a release when it is ${BUILDING_RELEASE_ACTIONS.join(', ')} (\`on: release: types: [published]\`)`
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

function releaseOf(
  payload: Record<string, unknown>,
): Pick<BuildTrigger, 'releaseTag' | 'releaseAction' | 'prerelease'> {
  const { action, release } = payload
  const tag = isRecord(release) ? release.tag_name : undefined
  const flagged = isRecord(release) && release.prerelease === true
  const prerelease = flagged || action === 'prereleased'
  return {
    ...(typeof tag === 'string' && tag !== '' ? { releaseTag: tag } : {}),
    ...(typeof action === 'string' ? { releaseAction: action } : {}),
    ...(prerelease ? { prerelease } : {}),
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
