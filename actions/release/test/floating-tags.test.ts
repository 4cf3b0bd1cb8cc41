import { describe, expect, it } from '@jest/globals'
import { parseTagFormat } from '../../../lib/version/index.js'
import { floatingTags } from '../src/floating-tags.js'

describe('floatingTags', () => {
  const v = parseTagFormat('v${version}')

  // C64 of shared/cases/CASES.md: v2.1.0, then v2.2.0-rc.1, then the
  // back-port v1.4.3.
  it.each([
    ['2.1.0', ['1.4.2', '2.0.0', '2.1.0'], ['v2', 'v2.1']],
    ['2.2.0-rc.1', ['1.4.2', '2.0.0', '2.1.0', '2.2.0-rc.1'], []],
    [
      '1.4.3',
      ['1.4.2', '2.0.0', '2.1.0', '2.2.0-rc.1', '1.4.3'],
      ['v1', 'v1.4'],
    ],
    ['1.4.4', ['1.4.3', '1.5.0', '1.4.4'], ['v1.4']],
    ['1.4.4', ['1.4.3', '1.4.5', '1.5.0'], []],
    ['0.3.0', [], ['v0', 'v0.3']],
  ])('moves for %s (all: %j) %j', (version, all, expected) => {
    expect(floatingTags(version, all, v)).toEqual(expected)
  })

  it('keeps a tag format prefix', () => {
    const f = parseTagFormat('api/v${version}')
    expect(floatingTags('3.1.0', [], f)).toEqual(['api/v3', 'api/v3.1'])
  })
})
