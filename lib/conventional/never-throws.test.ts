import { describe, expect, it } from '@jest/globals'
import { checkTitle, expandSquashBody, parseCommitMessage } from './index.js'
import type { ParseOptions } from './index.js'
import { randomStrings } from '../../test/support/random.js'

// A property test without a library: a seeded generator glues together the
// pieces the grammar cares about, so a failure is reproducible from the seed.
const PIECES = [
  'feat', 'Fix', 'a', 'é', '(', ')', '!', ':', ': ', ' ', '\t', '#', '"',
  '\n', '\n\n', '\r\n', '\r', '*', '- ', 'BREAKING CHANGE', 'BREAKING-CHANGE',
  'breaking changes', 'Release-As', 'Refs', 'Revert "', 'Merge ', 'WIP',
  'This reverts commit ', '0123456789abcdef', '✨', '👩‍💻', '\uFE0F', '\u200D',
  '🏽', ':bug:', '\uD800', '\uDC00', '\u0000', '\u2028', '(#12)',
] // prettier-ignore

function messages(seed: number, count: number): string[] {
  return randomStrings(seed, count, PIECES, 40)
}

const LONG = 'x'.repeat(10_000)
const ODD = [
  '',
  '\n',
  '\n\n\n\n',
  '\r\n\r\n',
  ' \t ',
  LONG,
  `feat: ${LONG}`,
  `feat(${LONG}`,
  `feat(${LONG}): x`,
  `${'('.repeat(10_000)}:`,
  ':'.repeat(10_000),
  '-'.repeat(10_000),
  `:${'a'.repeat(10_000)}`,
  '✨ '.repeat(5_000),
  `Revert "${'"'.repeat(10_000)}`,
  `fix: y\n\n${'Refs: 1\n'.repeat(2_000)}`,
  `fix: y\n\n${'* fix: z\n'.repeat(2_000)}`,
  `fix: y\n\nBREAKING CHANGE:${' '.repeat(10_000)}x`,
]

describe('parseCommitMessage never throws', () => {
  const options: ParseOptions[] = [{}, { stripLeadingEmoji: true }]

  it.each(options)('answers every odd or random string with %j', (option) => {
    const started = Date.now()
    for (const message of [...ODD, ...messages(20_240_601, 3_000)]) {
      const result = parseCommitMessage(message, option)
      expect(Array.isArray(result.warnings)).toBe(true)
      if (!result.ok) {
        expect(result.reason).not.toBe('')
        continue
      }
      const { commit } = result
      expect(commit.type).toMatch(/^[a-z][a-z0-9-]*$/)
      expect(commit.description.trim()).not.toBe('')
      expect(commit.breaking).toBe(commit.breakingNotes.length > 0)
      expect(() => expandSquashBody(commit, option)).not.toThrow()
    }
    // Linear regular expressions: no input may stall the release stage.
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('answers every odd or random title', () => {
    for (const title of [...ODD, ...messages(7, 1_000)]) {
      const result = checkTitle(title, { types: [/^f/g], scopes: ['a'] })
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0)
    }
  })
})
