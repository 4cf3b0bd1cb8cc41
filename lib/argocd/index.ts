// Argo CD through its REST API: a client, an application's state read from
// its JSON, an application as a health check, and sync waves.
export * from './app-check.js'
export * from './app-status.js'
export * from './client.js'
export * from './errors.js'
export * from './revision.js'
export * from './types.js'
export * from './waves.js'
