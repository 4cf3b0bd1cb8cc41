import { describe, expect, it } from '@jest/globals'
import { generatedFiles } from '../src/gitattributes.js'

// Attribute lines in the forms GitHub's docs and git's gitattributes(5)
// show; the last line that names an attribute wins, as in git.
const ATTRIBUTES = `
# generated clients
api/gen/** linguist-generated
api/gen/keep.ts -linguist-generated
*.pb.go linguist-generated=true
/vendor/** linguist-generated
vendor/ours/** linguist-generated=false
*.svg -diff
*.png binary
docs/*.min.js linguist-generated
[attr]lockfile -diff
"quoted name.txt" linguist-generated
*.ts text eol=lf
`

describe('generatedFiles', () => {
  const generated = generatedFiles(ATTRIBUTES)

  it.each([
    ['api/gen/client.ts', true],
    ['api/gen/keep.ts', false],
    ['proto/x.pb.go', true],
    ['x.pb.go', true],
    ['vendor/lib/a.go', true],
    ['sub/vendor/lib/a.go', false],
    ['vendor/ours/a.go', false],
    ['assets/logo.svg', true],
    ['img/a.png', true],
    ['docs/app.min.js', true],
    ['docs/sub/app.min.js', false],
    ['src/index.ts', false],
  ])('%s: %s', (path, expected) => {
    expect(generated.isGenerated(path)).toBe(expected)
  })

  it('skips macros and quoted patterns rather than guessing', () => {
    expect(generated.skipped).toEqual([
      '[attr]lockfile -diff',
      '"quoted name.txt" linguist-generated',
    ])
  })

  it('marks nothing in an empty file', () => {
    expect(generatedFiles('').isGenerated('a/b.ts')).toBe(false)
  })
})
