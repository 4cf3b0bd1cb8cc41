import { describe, expect, it } from '@jest/globals'
import { cell, table } from './markdown.js'

describe('cell', () => {
  it.each([
    ['plain', 'plain'],
    ['a|b', 'a\\|b'],
    ['C:\\path', 'C:\\\\path'],
    ['<img src=x>', '&lt;img src=x>'],
    ['two\nlines\r\nhere', 'two lines here'],
  ])('writes %j as %j', (text, written) => {
    expect(cell(text)).toBe(written)
  })
})

describe('table', () => {
  it('writes a header, a rule and one row per entry, cells made safe', () => {
    expect(
      table(
        ['Target', 'Result'],
        [
          ['GET http://a/health', 'healthy'],
          ['argocd/x', '503 | down'],
        ],
      ),
    ).toBe(
      [
        '| Target | Result |',
        '| --- | --- |',
        '| GET http://a/health | healthy |',
        '| argocd/x | 503 \\| down |',
      ].join('\n'),
    )
  })
})
