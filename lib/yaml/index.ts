// YAML edits that keep comments and layout: only the target scalars change.
export * from './edit.js'
export * from './manifest-edits.js'
export * from './path.js'
export * from './input.js'
export * from './list-elements.js'
export * from './scalar.js'
export * from './set-scalar.js'
