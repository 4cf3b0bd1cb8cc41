// Faults a test asks for: each answers the next N requests that match, in
// place of the route, so a stage's retry and error paths can be driven.
import { STATUS_CODES } from 'node:http'
import { FaultQueue as Queue } from '../fault-queue.js'
import { json, unprocessable, validationFailed, type Reply } from './route.js'

/** What a faulted request gets. */
export type Fault =
  /** GitHub's 422 `already_exists` for the resource the path names. */
  | { status: 422; alreadyExists: true }
  /** A 403 with `retry-after`, worded as GitHub words secondary limits. */
  | { secondaryRateLimit: { retryAfter: number } }
  /** The request is accepted and never answered until `close()`. */
  | { hang: true }
  /** Any status, e.g. 502, or 403 "Resource not accessible by integration". */
  | { status: number; message?: string; headers?: Record<string, string> }

export type { FaultMatch } from '../fault-queue.js'

/** The GitHub stand-in's faults waiting for requests. */
export class FaultQueue extends Queue<Fault> {}

/** @internal The reply a fault gives, or 'hang' for no reply at all. */
export function faultReply(fault: Fault, path: string): Reply | 'hang' {
  if ('hang' in fault) return 'hang'
  if ('secondaryRateLimit' in fault) {
    const seconds = fault.secondaryRateLimit.retryAfter
    return {
      ...json(403, {
        message:
          'You have exceeded a secondary rate limit. Wait before you try again.',
        documentation_url: 'https://docs.github.com/rest',
      }),
      headers: { 'retry-after': String(seconds) },
    }
  }
  if ('alreadyExists' in fault) return alreadyExists(path)
  const message = fault.message ?? STATUS_CODES[fault.status] ?? 'Error'
  return { ...json(fault.status, { message }), headers: fault.headers }
}

function alreadyExists(path: string): Reply {
  if (path.includes('/git/refs')) {
    return unprocessable('Reference already exists')
  }
  if (path.includes('/assets')) {
    return validationFailed('ReleaseAsset', 'name')
  }
  if (path.includes('/labels')) return validationFailed('Label', 'name')
  return validationFailed('Release', 'tag_name')
}
