import { describe, expect, it } from '@jest/globals'
import { formatPath, parsePath } from './index.js'

describe('parsePath', () => {
  it.each([
    ['image.tag', ['image', 'tag']],
    [
      'spec.template.spec.containers[0].image',
      ['spec', 'template', 'spec', 'containers', 0, 'image'],
    ],
    [
      'metadata.annotations["argocd.argoproj.io/sync-wave"]',
      ['metadata', 'annotations', 'argocd.argoproj.io/sync-wave'],
    ],
    ["a.'b.c'.d", ['a', 'b.c', 'd']],
    ['[1].x', [1, 'x']],
    ['key-with_dash/slash', ['key-with_dash/slash']],
  ])('reads %s', (text, path) => {
    expect(parsePath(text)).toEqual(path)
  })

  it.each(['', '.a', 'a..b', 'a[x]', 'a[', 'a["b]'])(
    'refuses %j, saying what a path looks like',
    (text) => {
      expect(() => parsePath(text)).toThrow(/path|empty path/)
    },
  )

  it('reads back what formatPath writes, for plain keys', () => {
    const path = ['spec', 'generators', 0, 'list', 'elements', 3, 'imageTag']
    expect(parsePath(formatPath(path))).toEqual(path)
  })
})
