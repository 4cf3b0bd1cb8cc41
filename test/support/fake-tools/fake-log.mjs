// What the fake docker and cosign share: the call log, one JSON line per
// call in $FAKE_TOOLS_LOG, and state files kept next to it.
import {
  appendFileSync,
  existsSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'

/** The log file; a fake run without one is a mistake in the test. */
export function logFile() {
  const file = process.env.FAKE_TOOLS_LOG
  if (!file) {
    process.stderr.write('fake tool: FAKE_TOOLS_LOG is not set\n')
    process.exit(97)
  }
  return file
}

/** Appends one call: the tool, its arguments, and anything else given. */
export function record(tool, args, extra = {}) {
  appendFileSync(logFile(), `${JSON.stringify({ tool, args, ...extra })}\n`)
}

/** Reads a JSON state file next to the log, or `fallback` when absent. */
export function readState(name, fallback) {
  const file = `${logFile()}.${name}`
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : fallback
}

/** Writes a JSON state file next to the log. */
export function writeState(name, value) {
  writeFileSync(`${logFile()}.${name}`, JSON.stringify(value))
}

/** Reads all of standard input. */
export async function readStdin() {
  const chunks = []
  for await (const chunk of process.stdin) chunks.push(chunk)
  return chunks.join('')
}

/** Prints to stderr and exits with `code`. */
export function fail(message, code = 1) {
  process.stderr.write(`${message}\n`)
  process.exit(code)
}
