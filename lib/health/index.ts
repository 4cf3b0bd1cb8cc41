// Health checks of every kind, and waiting on many of them at once.
export * from './check.js'
export * from './run-checks.js'
export * from './wait-inputs.js'
