// Loaded with `node --import` by peak-rss.js where GNU time is missing:
// writes this process's peak RSS in KiB to $BENCH_MAX_RSS_FILE at exit.
import * as fs from 'node:fs'

const file = process.env.BENCH_MAX_RSS_FILE
if (file !== undefined) {
  process.on('exit', () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS))
  })
}
