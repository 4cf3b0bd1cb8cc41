import { describe, expect, it } from '@jest/globals'
import { parseCommitMessage } from './index.js'
import type { ConventionalCommit, ParseResult } from './index.js'

function commitOf(result: ParseResult): ConventionalCommit {
  if (!result.ok) throw new Error(`not conventional: ${result.reason}`)
  return result.commit
}

// GitHub's squash-merge trailers, as its web UI writes them.
const CO_AUTHOR = 'Co-authored-by: Ada Lovelace <ada@example.com>'
const SIGNED = 'Signed-off-by: Bob <bob@example.com>'

describe('body and footers', () => {
  it.each<{
    name: string
    message: string
    body?: string
    footers: { token: string; value: string }[]
    breakingNotes?: string[]
  }>([
    {
      name: 'a header alone has neither',
      message: 'fix: y\n',
      footers: [],
    },
    {
      name: 'a body paragraph is not a footer',
      message: 'fix: y\n\nwhy it was wrong\nand more',
      body: 'why it was wrong\nand more',
      footers: [],
    },
    {
      name: 'the final paragraph holds the footers',
      message: 'fix: y\n\nbody\n\nRefs: #12\nReviewed-by: Z',
      body: 'body',
      footers: [
        { token: 'Refs', value: '#12' },
        { token: 'Reviewed-by', value: 'Z' },
      ],
    },
    {
      name: '`Token #value` is a footer too',
      message: 'fix: y\n\nCloses #12',
      footers: [{ token: 'Closes', value: '12' }],
    },
    {
      name: 'continuation lines join the previous value',
      message: 'feat: y\n\nBREAKING CHANGE: first line\n  second line',
      footers: [
        { token: 'BREAKING CHANGE', value: 'first line\n  second line' },
      ],
      breakingNotes: ['first line\n  second line'],
    },
    {
      name: 'a bare BREAKING CHANGE: takes its value from the next lines',
      message: 'feat: y\n\nBREAKING CHANGE:\nthe config moved',
      footers: [{ token: 'BREAKING CHANGE', value: 'the config moved' }],
      breakingNotes: ['the config moved'],
    },
    {
      name: 'a bare BREAKING CHANGE: with nothing after notes the description',
      message: 'feat: y\n\nBREAKING CHANGE:',
      footers: [{ token: 'BREAKING CHANGE', value: '' }],
      breakingNotes: ['y'],
    },
    {
      name: 'GitHub trailers in the same paragraph keep BREAKING CHANGE',
      message: `feat: y (#7)\n\nbody\n\nBREAKING CHANGE: gone\n${CO_AUTHOR}`,
      body: 'body',
      footers: [
        { token: 'BREAKING CHANGE', value: 'gone' },
        { token: 'Co-authored-by', value: 'Ada Lovelace <ada@example.com>' },
      ],
      breakingNotes: ['gone'],
    },
    {
      name: 'GitHub trailers in a paragraph of their own keep BREAKING CHANGE',
      message: `feat: y (#7)\n\nbody\n\nBREAKING CHANGE: gone\n\n${CO_AUTHOR}\n${SIGNED}`,
      body: 'body',
      footers: [
        { token: 'BREAKING CHANGE', value: 'gone' },
        { token: 'Co-authored-by', value: 'Ada Lovelace <ada@example.com>' },
        { token: 'Signed-off-by', value: 'Bob <bob@example.com>' },
      ],
      breakingNotes: ['gone'],
    },
    {
      name: 'both !-marked and footer-noted breaks note the footer',
      message: 'feat!: y\n\nBREAKING CHANGE: a\nBREAKING-CHANGE: b',
      footers: [
        { token: 'BREAKING CHANGE', value: 'a' },
        { token: 'BREAKING-CHANGE', value: 'b' },
      ],
      breakingNotes: ['a', 'b'],
    },
    {
      name: 'lines glued to the header are body, never footers',
      message: 'fix: y\nSigned-off-by: Bob',
      body: 'Signed-off-by: Bob',
      footers: [],
    },
    {
      name: 'CRLF line ends and trailing spaces are tolerated',
      message: 'fix: y  \r\n\r\nbody \r\n\r\nRefs: 1\r\n',
      body: 'body',
      footers: [{ token: 'Refs', value: '1' }],
    },
    {
      name: 'leading blank lines before the header are skipped',
      message: '\n\nfix: y\n\n\n\nbody\n\n\nmore',
      body: 'body\n\n\nmore',
      footers: [],
    },
  ])('$name', ({ message, body, footers, breakingNotes = [] }) => {
    const commit = commitOf(parseCommitMessage(message))
    expect(commit.body).toBe(body)
    expect(commit.footers).toEqual(footers)
    expect(commit.breakingNotes).toEqual(breakingNotes)
    expect(commit.breaking).toBe(breakingNotes.length > 0)
  })

  it.each([
    ['BREAKING CHANGE', 'feat: y\n\nBREAKING CHANGE: a\n\nmore prose'],
    ['BREAKING-CHANGE', 'feat: y\nBREAKING-CHANGE: glued to the header'],
  ])('warns about %s outside the footer paragraph', (token, message) => {
    const result = parseCommitMessage(message)
    expect(commitOf(result).breaking).toBe(false)
    expect(result.warnings).toEqual([
      `\`${token}:\` is in the body, not the final footer paragraph, so it does not mark a breaking change`,
    ])
  })

  it('warns about a breaking token with a space before the colon', () => {
    const result = parseCommitMessage('feat: y\n\nBREAKING CHANGE : gone')
    expect(commitOf(result).breaking).toBe(false)
    expect(result.warnings).toEqual([
      '`BREAKING CHANGE` must be followed by `: ` to be a breaking-change footer',
    ])
  })

  it.each([
    ['Release-As: 2.0.0', '2.0.0'],
    ['release-as: 1.4.0-rc.1 ', '1.4.0-rc.1'],
    ['RELEASE-AS: 3.0.0', '3.0.0'],
  ])('reads %j as the release version', (footer, version) => {
    const commit = commitOf(parseCommitMessage(`chore: release\n\n${footer}`))
    expect(commit.releaseAs).toBe(version)
    expect(commit.breaking).toBe(false)
  })
})
