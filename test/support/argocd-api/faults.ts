// Faults a test asks for: each answers the next N matching requests in
// place of the API, as a proxy or an overloaded server in front of Argo CD
// would, so a stage's retry and timeout paths can be driven.

/** What a faulted request gets. */
export type ArgoFault =
  /** Any status: 502, 503, or 429 with `retryAfter` seconds. */
  | {
      status: number
      /** The body, as text; a short JSON error when absent. */
      body?: string
      /** Sent as the Retry-After header. */
      retryAfter?: number
    }
  /** The request is read and never answered until `close()`. */
  | { hang: true }
  /** The connection is dropped without an answer. */
  | { reset: true }

/** Which requests a fault answers, and how many of them. */
export interface ArgoFaultMatch {
  /** HTTP method; any when absent. */
  method?: string
  /** A substring of, or a pattern tested on, the path (no query). */
  path: string | RegExp
  /** How many matching requests get the fault; 1 when absent. */
  times?: number
}

interface Pending {
  match: ArgoFaultMatch
  fault: ArgoFault
  left: number
}

/** The faults waiting for requests, matched in the order injected. */
export class ArgoFaults {
  private readonly pending: Pending[] = []

  /** Answers the next `times` requests matching `match` with `fault`. */
  inject(match: ArgoFaultMatch, fault: ArgoFault): void {
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
  take(method: string, path: string): ArgoFault | undefined {
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
