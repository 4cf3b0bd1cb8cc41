import { describe, expect, it } from '@jest/globals'
import { expandSquashBody, parseCommitMessage } from './index.js'
import type { ConventionalCommit, ParseOptions } from './index.js'

function expand(message: string, options?: ParseOptions): ConventionalCommit[] {
  const result = parseCommitMessage(message, options)
  if (!result.ok) throw new Error(`not conventional: ${result.reason}`)
  return expandSquashBody(result.commit, options)
}

function summary(commits: ConventionalCommit[]): string[] {
  return commits.map(
    (c) =>
      `${c.type}${c.breaking ? '!' : ''} ${c.scope ?? '-'} ${c.description}`,
  )
}

describe('expandSquashBody', () => {
  it('C07 lists the header and each conventional bullet', () => {
    // From /work/shared/cases/CASES.md, C07 (release-please#2438).
    const message = [
      'feat(search): add filters (#42)',
      '',
      '* fix(search): escape quotes',
      '* feat(search): add date filter',
      '* docs: update readme',
    ].join('\n')
    expect(summary(expand(message))).toEqual([
      'feat search add filters (#42)',
      'fix search escape quotes',
      'feat search add date filter',
      'docs - update readme',
    ])
  })

  it('makes a bullet breaking only when it carries `!`', () => {
    const message = [
      'feat: big change (#3)',
      '',
      '- fix!: drop node 18',
      '- feat: breaking change mentioned in passing',
      '',
      'BREAKING CHANGE: the header commit owns this note',
    ].join('\n')
    const commits = expand(message)
    expect(summary(commits)).toEqual([
      'feat! - big change (#3)',
      'fix! - drop node 18',
      'feat - breaking change mentioned in passing',
    ])
    expect(commits[1]?.breakingNotes).toEqual(['drop node 18'])
  })

  it('skips prose, non-conventional bullets and repeats of the header', () => {
    const message = [
      'feat: add export (#9)',
      '',
      '* feat: add export',
      '* wip',
      '* update readme',
      'plain prose line: with a colon',
      '  * fix: indented bullet',
      '* fix: indented bullet',
    ].join('\n')
    expect(summary(expand(message))).toEqual([
      'feat - add export (#9)',
      'fix - indented bullet',
    ])
  })

  it('strips bullet emoji when asked to', () => {
    const message = 'feat: x (#1)\n\n* ✨ feat: y\n* :bug: fix: z'
    expect(summary(expand(message))).toEqual(['feat - x (#1)'])
    expect(summary(expand(message, { stripLeadingEmoji: true }))).toEqual([
      'feat - x (#1)',
      'feat - y',
      'fix - z',
    ])
  })

  it('gives the commit alone when it has no body', () => {
    expect(summary(expand('fix: y'))).toEqual(['fix - y'])
  })
})
