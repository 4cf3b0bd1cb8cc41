// What the Argo CD stages (deploy, rollback, drift-report) share: their
// common inputs, requests under back-off, the applications they work on,
// syncs wave by wave, and the backup of the last good state.
export * from './backup.js'
export * from './client.js'
export * from './inputs.js'
export * from './request-retry.js'
export * from './sync-app.js'
export * from './targets.js'
export * from './waves.js'
