// The parent's side of the verify-health benchmark's targets: a seeded
// readiness schedule, and a fresh readiness server (readiness-server.js, a
// child process) for every timed run, so each tool meets the same schedule
// from its own start.
import { fork } from 'node:child_process'
import { once } from 'node:events'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { cleanEnv } from './tools.js'

const SERVER_SCRIPT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'readiness-server.js',
)

/**
 * How long each of `count` targets answers 503 before it answers 200:
 * uniform in [0, maxDelayMs), the same list for the same seed.
 */
export function readinessSchedule(count, seed, maxDelayMs) {
  // A 32-bit linear congruential generator (Numerical Recipes' constants):
  // plenty for spreading delays, and the same on every Node version.
  let state = seed >>> 0
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
  return Array.from({ length: count }, () => Math.round(next() * maxDelayMs))
}

/** The URL of target `index` on the server listening on `port`. */
export function targetUrl(port, index) {
  return `http://127.0.0.1:${port}/svc-${String(index).padStart(3, '0')}/ready`
}

/** Waits for the next message from `child` that has `key`. */
async function reply(child, key) {
  for (;;) {
    const [message] = await once(child, 'message')
    if (message[key] !== undefined) return message[key]
  }
}

/**
 * Starts a readiness server for the delays in `schedule` and returns
 * `{ urls, start, stats, stop }`: `start()` starts every target's clock
 * (call it just before the tool), `stats()` says what the server saw.
 */
export async function startReadinessServer(schedule) {
  const child = fork(SERVER_SCRIPT, [], {
    env: cleanEnv(),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    const port = await new Promise((resolve, reject) => {
      const early = () =>
        reject(new Error('the readiness server exited before listening'))
      child.once('exit', early)
      reply(child, 'port').then((found) => {
        child.off('exit', early)
        resolve(found)
      }, reject)
    })
    return {
      urls: schedule.map((_, index) => targetUrl(port, index)),
      start: async () => {
        child.send({ start: schedule })
        await reply(child, 'started')
      },
      stats: async () => {
        child.send({ stats: true })
        return reply(child, 'stats')
      },
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill()
          await exited
        }
      },
    }
  } catch (error) {
    child.kill()
    throw error
  }
}
