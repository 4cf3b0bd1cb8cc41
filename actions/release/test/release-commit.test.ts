import { describe, expect, it } from '@jest/globals'
import {
  releaseCommitMatcher,
  releaseCommitMessage,
} from '../src/release-commit.js'

describe('releaseCommitMatcher', () => {
  const match = releaseCommitMatcher('chore(release): ${version}')

  it.each([
    ['chore(release): 1.5.0', '1.5.0'],
    ['chore(release): 1.5.0-next.2', '1.5.0-next.2'],
    ['chore(release): 1.5.0  ', '1.5.0'],
    ['chore(release): v1.5.0', undefined],
    ['chore(release): 1.5', undefined],
    ['chore(release): 1.5.0 and more', undefined],
    ['fix: chore(release): 1.5.0', undefined],
  ])('reads %j as %j', (header, expected) => {
    expect(match(header)).toBe(expected)
  })

  it('escapes the template and reads only its first line', () => {
    const skip = releaseCommitMatcher('release ${version} [skip ci]\n\nbody')
    expect(skip('release 2.0.0 [skip ci]')).toBe('2.0.0')
    expect(skip('release 2.0.0 Xskip ci]')).toBeUndefined()
  })

  it('renders the message for a version', () => {
    expect(releaseCommitMessage('chore(release): ${version}', '1.2.3')).toBe(
      'chore(release): 1.2.3',
    )
  })
})
