// Faults a test asks for: each answers the next N requests that match, in
// place of the route, so a stage's retry and error paths can be driven.
import { STATUS_CODES } from 'node:http'
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

/** Which requests a fault answers, and how many of them. */
export interface FaultMatch {
  /** HTTP method; any when absent. */
  method?: string
  /** A substring of, or a pattern tested on, the URL path (no query). */
  path: string | RegExp
  /** How many matching requests get the fault; 1 when absent. */
  times?: number
}

interface Pending {
  match: FaultMatch
  fault: Fault
  left: number
}

/** The faults waiting for requests, matched in the order injected. */
export class FaultQueue {
  private readonly pending: Pending[] = []

  /** Answers the next `times` requests matching `match` with `fault`. */
  inject(match: FaultMatch, fault: Fault): void {
    this.pending.push({ match, fault, left: match.times ?? 1 })
  }

  /** How many faulted answers are still to be given. */
  get remaining(): number {
    return this.pending.reduce((sum, p) => sum + p.left, 0)
  }

  /** Forgets every fault not yet used. */
  clear(): void {
    this.pending.length = 0
  }

  /** @internal The fault for this request, used up by taking it. */
  take(method: string, path: string): Fault | undefined {
    const hit = this.pending.find(({ match }) => {
      if (match.method && match.method.toUpperCase() !== method) return false
      return typeof match.path === 'string'
        ? path.includes(match.path)
        : match.path.test(path)
    })
    if (!hit) return undefined
    hit.left -= 1
    if (hit.left <= 0) this.pending.splice(this.pending.indexOf(hit), 1)
    return hit.fault
  }
}

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
