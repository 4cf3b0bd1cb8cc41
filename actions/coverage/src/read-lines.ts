import { createReadStream } from 'node:fs'

/**
 * Bytes read at a time. Small enough that each chunk's string stays in V8's
 * young generation (a string over 128 KiB goes to the large-object space,
 * freed only by a full collection, which lets a long read grow the heap).
 */
export const CHUNK_BYTES = 64 * 1024

/**
 * Calls onLine for each line of a UTF-8 file, as `text` from `start` up to
 * `end` (the `\n` left out), reading the file a chunk at a time, so a
 * report of any size is held one chunk at a time. The caller slices out
 * what it keeps; most lines need no string of their own.
 */
export async function forEachLine(
  path: string,
  onLine: (text: string, start: number, end: number) => void,
): Promise<void> {
  const stream = createReadStream(path, {
    encoding: 'utf8',
    highWaterMark: CHUNK_BYTES,
  })
  let rest = ''
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest === '' ? chunk : rest + chunk
    let start = 0
    for (
      let end = text.indexOf('\n');
      end >= 0;
      end = text.indexOf('\n', start)
    ) {
      onLine(text, start, end)
      start = end + 1
    }
    rest = text.slice(start)
  }
  if (rest !== '') onLine(rest, 0, rest.length)
}
