// The runner's side of every stage: inputs, outputs, summaries, groups,
// masking, and the one error handler.
export * from './config-error.js'
export * from './context-error.js'
export * from './duration.js'
export * from './inputs.js'
export * from './logger.js'
export * from './markdown.js'
export * from './outputs.js'
export * from './run-stage.js'
export * from './paths.js'
