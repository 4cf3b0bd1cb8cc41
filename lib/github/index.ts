// The GitHub API for every stage: Octokit with retry and rate-limit handling.
export * from './create-once.js'
export * from './errors.js'
export * from './octokit.js'
