// The one shape every health check has (an HTTP endpoint, an Argo CD
// application, a rollout, a Prometheus query), so verify-health and deploy
// wait on any mix of them the same way.
import type { AttemptOutcome } from '../retry/index.js'

/** What kind of thing a check looks at. */
export type CheckKind = 'http' | 'argocd' | 'rollout' | 'prometheus'

/** One thing to wait on until it is healthy. */
export interface HealthCheck {
  kind: CheckKind
  /**
   * Unique in a run, stable, and free of secrets: `GET https://host/health`,
   * `argocd/cortex-dashboard`, `rollout/prod/deployment/api`,
   * `prometheus/error-rate`.
   */
  name: string
  /**
   * One attempt. `done(detail, status)`, `retryWith(reason)` or
   * `failFast(reason)`: the status or reason is what the log and the
   * report show for it ("200 OK", "503 Service Unavailable",
   * "Synced at 1a2b3c4, Progressing"). May keep state between attempts
   * (a settle period, a grace period).
   */
  attempt(n: number, signal: AbortSignal): Promise<AttemptOutcome<string>>
}
