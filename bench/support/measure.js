// Wall-clock timing of child processes for the benchmarks. Commands run one
// at a time, never in parallel, and take turns round by round, so a burst of
// load from elsewhere on the machine hits every command alike.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'

/** A timed command is killed after this long, so a run always ends. */
export const COMMAND_TIMEOUT_MS = 5 * 60 * 1000

/**
 * Runs a command once and returns its wall-clock time in milliseconds and
 * exit status. stdout goes to `stdoutFile`, or nowhere when it is undefined;
 * stderr goes to `stderrFile` likewise.
 */
export function timeCommand({
  command,
  args,
  env,
  cwd,
  stdoutFile,
  stderrFile,
}) {
  const out = stdoutFile === undefined ? 'ignore' : fs.openSync(stdoutFile, 'w')
  const err = stderrFile === undefined ? 'ignore' : fs.openSync(stderrFile, 'w')
  try {
    const start = process.hrtime.bigint()
    const result = spawnSync(command, args, {
      env,
      cwd,
      stdio: ['ignore', out, err],
      timeout: COMMAND_TIMEOUT_MS,
    })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (result.error) throw result.error
    return { ms, status: result.status, signal: result.signal }
  } finally {
    if (typeof out === 'number') fs.closeSync(out)
    if (typeof err === 'number') fs.closeSync(err)
  }
}

/**
 * Runs every case `runs` times, taking turns, after `warmups` untimed
 * rounds. Each case is `{ name, run, check }`: `run()` returns a
 * timeCommand result and `check()` throws when the run did not do its job.
 * Returns the times of each case by name.
 */
export function measureRounds(cases, { runs, warmups = 1, log = () => {} }) {
  const samples = new Map(cases.map((c) => [c.name, []]))
  for (let round = -warmups; round < runs; round += 1) {
    for (const c of cases) {
      const result = c.run()
      if (result.status !== 0) {
        throw new Error(
          `${c.name} failed (exit ${result.status ?? result.signal})`,
        )
      }
      c.check?.()
      const label = round < 0 ? 'warm-up' : `run ${round + 1}/${runs}`
      log(`  ${c.name}: ${label} ${formatMs(result.ms)}`)
      if (round >= 0) samples.get(c.name).push(result.ms)
    }
  }
  return samples
}

/** The median of a non-empty list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Milliseconds as people read them: `850 ms`, `4.27 s`. */
export function formatMs(ms) {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`
}

/** A ratio of two times, `0.12×` or `6.3×`. */
export function formatRatio(a, b) {
  const ratio = a / b
  return `${ratio < 1 ? ratio.toFixed(2) : ratio.toFixed(1)}×`
}

/** The median and the range of samples, for a table cell. */
export function formatSamples(values) {
  const low = Math.min(...values)
  const high = Math.max(...values)
  return `${formatMs(median(values))} (${formatMs(low)}–${formatMs(high)})`
}
