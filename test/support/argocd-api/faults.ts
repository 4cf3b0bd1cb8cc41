// Faults a test asks for: each answers the next N matching requests in
// place of the API, as a proxy or an overloaded server in front of Argo CD
// would, so a stage's retry and timeout paths can be driven.
import { FaultQueue, type FaultMatch } from '../fault-queue.js'

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
export type ArgoFaultMatch = FaultMatch

/** The Argo CD stand-in's faults waiting for requests. */
export class ArgoFaults extends FaultQueue<ArgoFault> {}
