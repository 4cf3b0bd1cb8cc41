// Image references: parse, write back, normalise and compare.
export * from './parse.js'
