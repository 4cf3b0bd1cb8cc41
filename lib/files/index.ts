// Files: a dependency-free glob, and unified diffs of text changes.
export * from './glob.js'
export * from './text-diff.js'
export * from './glob-match.js'
