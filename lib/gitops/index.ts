// Changes to a GitOps branch, committed and pushed with re-apply-and-retry
// on a lost race, never by force: what update-manifests and rollback share.
export * from './push.js'
