// git commands for every stage, on @actions/exec.
export * from './git.js'
export * from './auth.js'
