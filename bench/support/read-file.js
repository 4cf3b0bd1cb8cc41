// The floor for bench/coverage.js: reads a file in 64 KiB UTF-8 chunks, as
// the coverage stage does, and counts its lines, parsing nothing.
// Usage: node bench/support/read-file.js <file>
import { createReadStream } from 'node:fs'

let lines = 0
const stream = createReadStream(process.argv[2], {
  encoding: 'utf8',
  highWaterMark: 64 * 1024,
})
for await (const chunk of stream) {
  for (
    let at = chunk.indexOf('\n');
    at >= 0;
    at = chunk.indexOf('\n', at + 1)
  ) {
    lines += 1
  }
}
console.log(JSON.stringify({ lines }))
