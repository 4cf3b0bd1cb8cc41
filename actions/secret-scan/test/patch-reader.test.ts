import { describe, expect, it } from '@jest/globals'
import type { AddedText } from '../src/patch-reader.js'
import { PatchReader, unquote } from '../src/patch-reader.js'
import type { Skipped } from '../src/tree-source.js'

// A patch in the shape `git log -p -U0 --format=%x01%H` prints, written by
// hand after git 2.39's output: two commits, a removed line that starts
// with `--- ` (an SQL comment), a binary file and a deleted file.
const PATCH = [
  '\u0001aaaa',
  'diff --git a/db/schema.sql b/db/schema.sql',
  'index 1111111..2222222 100644',
  '--- a/db/schema.sql',
  '+++ b/db/schema.sql',
  '@@ -3,2 +3,0 @@ create table',
  '--- old comment',
  '-drop table x;',
  '@@ -10 +8,2 @@',
  '-a',
  '+++ not a header',
  '+b',
  'diff --git a/logo.png b/logo.png',
  'new file mode 100644',
  'index 0000000..3333333',
  'Binary files /dev/null and b/logo.png differ',
  '\u0001bbbb',
  'diff --git a/gone.txt b/gone.txt',
  'deleted file mode 100644',
  '--- a/gone.txt',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-bye',
  'diff --git "a/caf\\303\\251 menu.txt" "b/caf\\303\\251 menu.txt"',
  'new file mode 100644',
  '--- /dev/null',
  '+++ "b/caf\\303\\251 menu.txt"',
  '@@ -0,0 +1 @@',
  '+espresso',
  '\\ No newline at end of file',
  'diff --git a/a b.txt b/a b.txt',
  '--- /dev/null',
  '+++ b/a b.txt\t',
  '@@ -0,0 +1 @@',
  '+x',
  '',
].join('\n')

function read(
  chunks: string[],
  maxBytes = 1024,
): { texts: AddedText[]; skipped: Skipped } {
  const texts: AddedText[] = []
  const skipped: Skipped = { binary: 0, large: [] }
  const reader = new PatchReader((t) => texts.push(t), maxBytes, skipped)
  for (const chunk of chunks) reader.push(chunk)
  reader.end()
  return { texts, skipped }
}

describe('PatchReader', () => {
  it('hands on the added lines of each file of each commit, with their line numbers', () => {
    const { texts, skipped } = read([PATCH])
    expect(texts).toEqual([
      {
        commit: 'aaaa',
        path: 'db/schema.sql',
        text: '++ not a header\nb',
        lineNumbers: [8, 9],
      },
      {
        commit: 'bbbb',
        path: 'café menu.txt',
        text: 'espresso',
        lineNumbers: [1],
      },
      { commit: 'bbbb', path: 'a b.txt', text: 'x', lineNumbers: [1] },
    ])
    expect(skipped).toEqual({ binary: 1, large: [] })
  })

  it('reads the same from any split of the stream', () => {
    const whole = read([PATCH]).texts
    for (const size of [1, 7, 64]) {
      const chunks = PATCH.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? []
      expect(read(chunks).texts).toEqual(whole)
    }
  })

  it('skips what a commit added to one file past the size limit, by name', () => {
    const big = [
      '\u0001cccc',
      '+++ b/big.min.js',
      '@@ -0,0 +1,2 @@',
      `+${'x'.repeat(30)}`,
      `+${'y'.repeat(30)}`,
    ].join('\n')
    const { texts, skipped } = read([big], 40)
    expect(texts).toEqual([])
    expect(skipped.large).toEqual([{ path: 'big.min.js', bytes: 62 }])
  })
})

describe('unquote', () => {
  it.each([
    ['plain/path.txt', 'plain/path.txt'],
    ['"b/tab\\there"', 'b/tab\there'],
    ['"b/quote\\"d"', 'b/quote"d'],
    ['"b/caf\\303\\251"', 'b/café'],
  ])('reads %s as %j', (quoted, path) => {
    expect(unquote(quoted)).toBe(path)
  })
})
