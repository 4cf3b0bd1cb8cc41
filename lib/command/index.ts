// Running external commands (docker, cosign, kubectl) without a shell, with
// a runner type that stages take injected.
export * from './format-command.js'
export * from './run-command.js'
