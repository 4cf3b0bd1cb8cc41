// The GitHub API for every stage: Octokit with retry and rate-limit handling.
export * from './errors.js'
export * from './octokit.js'
