// SPDX license ids and expressions: the license list, a parser that
// corrects what it safely can, and a judge against allow and deny lists.
export * from './aliases.js'
export * from './evaluate.js'
export * from './expression.js'
export * from './identifiers.js'
export * from './parse.js'
export * from './policy.js'
export * from './resolve-term.js'
export * from './suggest.js'
