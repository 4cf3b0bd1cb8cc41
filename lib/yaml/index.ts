// YAML edits that keep comments and layout: only the target scalars change.
export * from './edit.js'
export * from './manifest-edits.js'
export * from './path.js'
export * from './input.js'
