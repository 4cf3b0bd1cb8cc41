// npm's package-lock.json v2/v3: its packages, and the dependency paths
// that lead from the project to each one.
export * from './graph.js'
export * from './lock-file.js'
export * from './read-lock.js'
