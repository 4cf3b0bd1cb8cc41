// A loopback stand-in for the Argo CD API, for the tests of verify-health
// and deploy: `startArgoCdApi()` and the types around it. The parts live in
// ./argocd-api/, one concern a file.
export {
  defaultArgoToken,
  startArgoCdApi,
  type ArgoCdApi,
  type ArgoCdApiOptions,
  type ArgoRequest,
} from './argocd-api/server.js'
export {
  AppState,
  type HistoryEntry,
  type Operation,
  type Resource,
} from './argocd-api/app-state.js'
export {
  ArgoFaults,
  type ArgoFault,
  type ArgoFaultMatch,
} from './argocd-api/faults.js'
export {
  degraded,
  failedSync,
  rollout,
  stuck,
  syncedAt,
} from './argocd-api/scripts.js'
export { ArgoState } from './argocd-api/state.js'
export type {
  AppSeed,
  Frame,
  HealthStatus,
  OperationPhase,
  ResourceChange,
  ResourceSeed,
  StepOn,
  SyncStatus,
} from './argocd-api/types.js'
