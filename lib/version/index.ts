// Versions and tags, on semver.
export * from './next-version.js'
export * from './tag-format.js'
