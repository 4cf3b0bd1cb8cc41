// SARIF 2.1.0 logs for GitHub code scanning, shared by the security stages.
export * from './log.js'
export * from './types.js'
