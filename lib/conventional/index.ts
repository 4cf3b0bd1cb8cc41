// The Conventional Commits grammar shared by the release stage and the
// pull-request title check.
export * from './types.js'
export {
  expandSquashBody,
  parseCommitMessage,
  parseHeader,
  stripLeadingEmoji,
} from './parse.js'
export type { HeaderResult } from './parse.js'
export { checkTitle } from './title.js'
export type { NameRule, TitleCheck, TitleError, TitleRules } from './title.js'
