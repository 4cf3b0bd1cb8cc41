// Peak memory of a timed command. GNU time (`/usr/bin/time -v`) reports the
// largest resident set of the command and of every child it waited for;
// where it is missing, a Node command is started with a preload that writes
// `process.resourceUsage().maxRSS` when the process exits, and any other
// command goes unmeasured.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const GNU_TIME = '/usr/bin/time'

const PRELOAD = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'max-rss-preload.js',
)

/** Which way peak memory is measured on this machine. */
export function peakRssMethod() {
  return fs.existsSync(GNU_TIME)
    ? '`/usr/bin/time -v` (maximum resident set size)'
    : "a preload writing Node's `process.resourceUsage().maxRSS` at exit"
}

/**
 * The command and arguments that run `command args` and leave its peak RSS
 * in `file`, with any environment the wrapper needs; `isNode` says that
 * `command` is a Node binary, so the preload can stand in for GNU time.
 */
export function withPeakRss({ command, args, env, file, isNode }) {
  fs.rmSync(file, { force: true })
  if (fs.existsSync(GNU_TIME)) {
    return {
      command: GNU_TIME,
      args: ['-v', '-o', file, command, ...args],
      env,
    }
  }
  if (!isNode) return { command, args, env }
  return {
    command,
    args: ['--import', pathToFileURL(PRELOAD).href, ...args],
    env: { ...env, BENCH_MAX_RSS_FILE: file },
  }
}

/** The peak RSS in KiB that `withPeakRss` left in `file`, if any. */
export function readPeakRss(file) {
  if (!fs.existsSync(file)) return undefined
  const text = fs.readFileSync(file, 'utf8')
  const said = /Maximum resident set size \(kbytes\): (\d+)/.exec(text)
  const kib = Number(said?.[1] ?? text.trim())
  return Number.isFinite(kib) && kib > 0 ? kib : undefined
}
