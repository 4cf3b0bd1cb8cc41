// The three ways the verify-health benchmark waits on the same URLs, each
// polling once a second: the bundled stage, wait-on (the npm tool people
// reach for), and a shell loop a person would write with curl. Each is a
// `{ name, label, isNode, command(urls), check() }`; `check()` throws when
// the run did not end with every target healthy and may return facts from
// the tool's own output.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { TOOLS_DIR } from './tools.js'

/** The wait between two polls of one target, in every tool. */
export const POLL_INTERVAL_MS = 1000

/** Bounds every tool's wait, so a broken run still ends. */
const DEADLINE_MS = 60_000

/** Attempts per target: far more than the 10 s schedule needs. */
const ATTEMPTS = 60

/** wait-on, pinned by major version. */
const WAIT_ON_PACKAGE = 'wait-on@9'

/** wait-on's CLI script and version, installed into bench/.tools/ if missing. */
export function findWaitOn(log = () => {}) {
  const pkgDir = path.join(TOOLS_DIR, 'node_modules', 'wait-on')
  if (!fs.existsSync(pkgDir)) {
    log(`installing ${WAIT_ON_PACKAGE} into ${TOOLS_DIR}`)
    const result = spawnSync(
      'npm',
      ['i', '--prefix', TOOLS_DIR, '--no-audit', '--no-fund', WAIT_ON_PACKAGE],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    )
    if (result.status !== 0) throw new Error(`npm i ${WAIT_ON_PACKAGE} failed`)
  }
  const pkg = JSON.parse(
    fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
  )
  return { script: path.join(pkgDir, 'bin', 'wait-on'), version: pkg.version }
}

/** curl's version, or undefined when there is no curl for the shell loop. */
export function curlVersion() {
  const said = spawnSync('curl', ['--version'], { encoding: 'utf8' })
  if (said.error !== undefined || said.status !== 0) return undefined
  return /^curl (\S+)/.exec(said.stdout)?.[1]
}

/** Every `name<<delimiter` value in a GITHUB_OUTPUT file, by name. */
function readOutputs(file) {
  const values = new Map()
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const heading = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (heading === null) continue
    const end = lines.indexOf(heading[2], i + 1)
    if (end < 0) break
    values.set(heading[1], lines.slice(i + 1, end).join('\n'))
    i = end
  }
  return values
}

/**
 * The bundled stage: every URL an HTTP target, a fixed 1 s wait between
 * attempts (factor 1), its outputs checked: healthy, and a report entry
 * per target. `check()` returns the slowest `timeToHealthyMs` it reported.
 */
export function stageWaiter({ node, bundle, dir, count }) {
  const outputFile = path.join(dir, 'output')
  const summaryFile = path.join(dir, 'summary')
  return {
    name: 'ours',
    isNode: true,
    command: (urls) => {
      // The runner gives every step fresh, empty files.
      fs.writeFileSync(outputFile, '')
      fs.writeFileSync(summaryFile, '')
      return {
        command: node,
        args: [bundle],
        env: {
          'INPUT_HTTP-TARGETS': urls.join('\n'),
          INPUT_ATTEMPTS: String(ATTEMPTS),
          'INPUT_BACKOFF-BASE': `${POLL_INTERVAL_MS / 1000}s`,
          'INPUT_BACKOFF-FACTOR': '1',
          'INPUT_BACKOFF-MAX': `${POLL_INTERVAL_MS / 1000}s`,
          'INPUT_ATTEMPT-TIMEOUT': '5s',
          INPUT_TIMEOUT: `${DEADLINE_MS / 1000}s`,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
          GITHUB_WORKSPACE: dir,
        },
      }
    },
    check: () => {
      const outputs = readOutputs(outputFile)
      const report = JSON.parse(outputs.get('report') ?? '[]')
      const healthy = report.filter((entry) => entry.healthy === true)
      if (outputs.get('healthy') !== 'true' || healthy.length !== count) {
        throw new Error(
          `ours: healthy=${outputs.get('healthy')}, ${healthy.length} of ` +
            `${count} targets healthy in the report`,
        )
      }
      return {
        reportedSlowestMs: Math.max(...healthy.map((e) => e.timeToHealthyMs)),
      }
    },
  }
}

/** wait-on on Node 24, a GET of every URL each second (`http-get://`). */
export function waitOnWaiter({ node, waitOn }) {
  return {
    name: 'wait-on',
    isNode: true,
    command: (urls) => ({
      command: node,
      args: [
        waitOn.script,
        '-i',
        String(POLL_INTERVAL_MS),
        '-t',
        String(DEADLINE_MS),
        '--httpTimeout',
        '5000',
        ...urls.map((url) => url.replace(/^http:/, 'http-get:')),
      ],
      env: {},
    }),
  }
}

/**
 * The loop a person writes in a workflow step: one URL after the other,
 * `curl -f` until it answers 2xx, `sleep 1` between tries, at most
 * ATTEMPTS tries a URL.
 */
export function shellLoopWaiter() {
  const script = [
    'for url in "$@"; do',
    '  tries=0',
    '  until curl -fs -o /dev/null -m 5 "$url"; do',
    '    tries=$((tries + 1))',
    `    [ "$tries" -lt ${ATTEMPTS} ] || exit 1`,
    `    sleep ${POLL_INTERVAL_MS / 1000}`,
    '  done',
    'done',
  ].join('\n')
  return {
    name: 'shell loop',
    isNode: false,
    command: (urls) => ({
      command: 'bash',
      args: ['-c', script, 'poll', ...urls],
      env: {},
    }),
  }
}
