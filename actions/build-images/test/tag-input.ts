// The input imageTags is called with in image-tags*.test.ts, and commits
// shaped after CASES.md: C27's `7f3a6ce1d2…`, C26's merge commit M and pull
// request head H.
import type { ImageTagsInput } from '../src/image-tags.js'

export const SHA = '7f3a6ce1d2' + '0'.repeat(30)
export const M = 'aaaaaaa111' + '0'.repeat(30)
export const H = 'bbbbbbb222' + '0'.repeat(30)

/** A push to main of SHA, with overrides. */
export function input(overrides: Partial<ImageTagsInput>): ImageTagsInput {
  return {
    image: 'ghcr.io/org/app',
    event: 'push',
    ref: 'refs/heads/main',
    sha: SHA,
    existingVersions: [],
    ...overrides,
  }
}
