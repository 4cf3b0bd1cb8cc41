// The faults a test asks a stand-in for: each answers the next N requests
// that match, in place of the route. Shared by the GitHub and Argo CD
// stand-ins; each has its own kinds of fault.

/** Which requests a fault answers, and how many of them. */
export interface FaultMatch {
  /** HTTP method; any when absent. */
  method?: string
  /** A substring of, or a pattern tested on, the URL path (no query). */
  path: string | RegExp
  /** How many matching requests get the fault; 1 when absent. */
  times?: number
}

/** The faults waiting for requests, matched in the order injected. */
export class FaultQueue<F> {
  private readonly pending: { match: FaultMatch; fault: F; left: number }[] = []

  /** Answers the next `times` requests matching `match` with `fault`. */
  inject(match: FaultMatch, fault: F): void {
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
  take(method: string, path: string): F | undefined {
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
