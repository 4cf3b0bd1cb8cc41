// Verify-health benchmark: 200 HTTP targets on 127.0.0.1 that answer 503
// until a seeded delay of 0–10 s has passed, then 200, waited on with a
// fixed 1 s poll interval by each tool in turn, a fresh server (the same
// schedule) for every run, so every tool meets the same readiness times:
//   ours        the bundled stage (backoff-base 1s, backoff-factor 1)
//   wait-on     wait-on -i 1000 http-get://… (npm, into bench/.tools/)
//   shell loop  bash: one URL after the other, curl -f until 2xx, sleep 1
// Measured, never asserted: the wall time against the slowest target's
// readiness; from the server, when the tool first asked and when it saw the
// last target ready; requests sent; peak RSS. The aim (issue 4): wall time
// within the slowest readiness + one poll interval + start-up (the time to
// the tool's first request).
//
// Run:  node bench/verify-health.js [runs]   (default 5)
// Env:  BENCH_NODE=<node 24 binary>  BENCH_DIST=<bundle folder>. The
//       bundle must exist: node -e "import('./scripts/build.js')
//       .then(m => m.buildStage('verify-health', 'dist'))"
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  POLL_INTERVAL_MS,
  curlVersion,
  findWaitOn,
  shellLoopWaiter,
  stageWaiter,
  waitOnWaiter,
} from './support/health-waiters.js'
import {
  formatMs,
  formatRatio,
  formatSamples,
  median,
  timeCommand,
} from './support/measure.js'
import { peakRssMethod, readPeakRss, withPeakRss } from './support/peak-rss.js'
import {
  readinessSchedule,
  startReadinessServer,
} from './support/readiness-targets.js'
import { bundleRoot, cleanEnv, findNode24 } from './support/tools.js'

/** Targets, their readiness delays (seeded), timed runs of each tool. */
export const DEFAULT_PLAN = {
  targets: 200,
  maxDelayMs: 10_000,
  seed: 20_261_204,
  runs: 5,
}

/** Untimed rounds first, as in the other benchmarks. */
const WARMUPS = 1

function findBundle() {
  const bundle = path.join(bundleRoot(), 'verify-health', 'index.js')
  if (!fs.existsSync(bundle)) {
    throw new Error(`no ${bundle}: build the verify-health bundle first`)
  }
  return bundle
}

/** The last lines of a log, to say why a run failed. */
function tail(file) {
  if (!fs.existsSync(file)) return ''
  return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-5).join('\n')
}

/** One timed run of one tool against a fresh readiness server. */
async function timeOneRun(waiter, schedule, dir) {
  const rssFile = path.join(dir, 'rss')
  const stdoutFile = path.join(dir, 'stdout.log')
  const stderrFile = path.join(dir, 'stderr.log')
  const server = await startReadinessServer(schedule)
  let result
  let stats
  try {
    const spec = waiter.command(server.urls)
    const timed = withPeakRss({
      ...spec,
      env: cleanEnv(spec.env),
      file: rssFile,
      isNode: waiter.isNode,
    })
    await server.start()
    result = timeCommand({ ...timed, cwd: dir, stdoutFile, stderrFile })
    stats = await server.stats()
  } finally {
    await server.stop()
  }
  if (result.status !== 0) {
    throw new Error(
      `${waiter.name} failed (exit ${result.status ?? result.signal}):\n` +
        `${tail(stdoutFile)}\n${tail(stderrFile)}`,
    )
  }
  const facts = waiter.check?.() ?? {}
  if (stats.targetsSeenReady !== schedule.length) {
    throw new Error(
      `${waiter.name} exited 0 having seen ${stats.targetsSeenReady} of ` +
        `${schedule.length} targets ready`,
    )
  }
  return { ms: result.ms, rssKib: readPeakRss(rssFile), ...stats, ...facts }
}

/**
 * Times each tool on the same readiness schedule, round by round after a
 * warm-up round. Returns the tools, the schedule's facts and the samples.
 */
export async function benchVerifyHealth({
  runs = DEFAULT_PLAN.runs,
  log = console.log,
} = {}) {
  const plan = { ...DEFAULT_PLAN, runs }
  const node = findNode24(log)
  const bundle = findBundle()
  const waitOn = findWaitOn(log)
  const curl = curlVersion()
  const schedule = readinessSchedule(plan.targets, plan.seed, plan.maxDelayMs)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-bench-vh-'))
  try {
    const waiters = [
      stageWaiter({ node: node.node, bundle, dir, count: plan.targets }),
      waitOnWaiter({ node: node.node, waitOn }),
      ...(curl === undefined ? [] : [shellLoopWaiter()]),
    ]
    log(
      `verify-health: ${plan.targets} targets, ready after up to ` +
        `${formatMs(Math.max(...schedule))}; ${runs} runs of each tool`,
    )
    const samples = new Map(waiters.map((w) => [w.name, []]))
    for (let round = -WARMUPS; round < runs; round += 1) {
      for (const waiter of waiters) {
        const sample = await timeOneRun(waiter, schedule, dir)
        const label = round < 0 ? 'warm-up' : `run ${round + 1}/${runs}`
        log(
          `  ${waiter.name}: ${label} ${formatMs(sample.ms)} ` +
            `(last target seen ready at ${formatMs(sample.lastSeenReadyMs)}, ` +
            `${sample.requests} requests, ${formatMiB(sample.rssKib)})`,
        )
        if (round >= 0) samples.get(waiter.name).push(sample)
      }
    }
    return {
      tools: {
        node: node.version,
        waitOn: waitOn.version,
        curl,
        peakRss: peakRssMethod(),
      },
      plan,
      fastestReadyMs: Math.min(...schedule),
      medianReadyMs: median(schedule),
      slowestReadyMs: Math.max(...schedule),
      samples,
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function formatMiB(kib) {
  return kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`
}

/** The median of the samples that were measured, if any was. */
function medianKnown(values) {
  const known = values.filter((v) => v !== undefined)
  return known.length === 0 ? undefined : median(known)
}

/** The median and range of memory samples, for a table cell. */
function formatMemory(values) {
  const known = values.filter((v) => v !== undefined)
  if (known.length === 0) return 'n/a'
  const low = formatMiB(Math.min(...known))
  return `${formatMiB(median(known))} (${low}–${formatMiB(Math.max(...known))})`
}

const LABELS = {
  ours: '`dist/verify-health` (backoff-base 1s, factor 1)',
  'wait-on': '`wait-on -i 1000 http-get://…`',
  'shell loop': 'shell loop, a URL at a time: `until curl -f …; sleep 1`',
}

/** The results as a Markdown table, then what the columns mean. */
export function verifyHealthTable(result) {
  const { samples, slowestReadyMs, plan } = result
  const ours = samples.get('ours')
  const oursMs = median(ours.map((s) => s.ms))
  const oursKib = medianKnown(ours.map((s) => s.rssKib))
  const lines = [
    '| tool | runs | wall time | over the slowest readiness | first request | saw the last target ready | requests | peak RSS | within the aim | wall time / ours | peak RSS / ours |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const [name, runs] of samples) {
    const ms = runs.map((s) => s.ms)
    const kib = medianKnown(runs.map((s) => s.rssKib))
    const memoryRatio =
      kib === undefined || oursKib === undefined
        ? 'n/a'
        : formatRatio(kib, oursKib)
    const within = runs.filter(
      (s) => s.ms <= slowestReadyMs + POLL_INTERVAL_MS + s.firstRequestMs,
    ).length
    lines.push(
      `| ${LABELS[name] ?? name} | ${runs.length} | ${formatSamples(ms)} | ` +
        `${formatSamples(ms.map((v) => v - slowestReadyMs))} | ` +
        `${formatSamples(runs.map((s) => s.firstRequestMs))} | ` +
        `${formatSamples(runs.map((s) => s.lastSeenReadyMs))} | ` +
        `${Math.round(median(runs.map((s) => s.requests))).toLocaleString('en-US')} | ` +
        `${formatMemory(runs.map((s) => s.rssKib))} | ` +
        `${within} of ${runs.length} | ${formatRatio(median(ms), oursMs)} | ` +
        `${memoryRatio} |`,
    )
  }
  const reported = samples.get('ours').map((s) => s.reportedSlowestMs)
  lines.push(
    '',
    `${plan.targets} targets (seed ${plan.seed}) ready after ` +
      `${formatMs(result.fastestReadyMs)} to ${formatMs(slowestReadyMs)}, ` +
      `median ${formatMs(result.medianReadyMs)}; one poll interval is ` +
      `${formatMs(POLL_INTERVAL_MS)}. The aim: wall time within the slowest ` +
      `readiness + one poll interval + start-up, where start-up is the ` +
      `tool's own time to its first request (the "first request" column), ` +
      `as the readiness server saw it.`,
    `Ours reported the slowest target healthy after ` +
      `${formatSamples(reported)} (its own \`timeToHealthyMs\`, counted ` +
      'from the start of its wait, so without its start-up).',
    `Peak RSS by ${result.tools.peakRss}; for the shell loop that is its ` +
      'largest process, bash or one curl.',
  )
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? DEFAULT_PLAN.runs)
  console.log(`\n${verifyHealthTable(await benchVerifyHealth({ runs }))}`)
}
