// Coverage benchmark: the coverage stage's bundle reading a 100 MB lcov
// file and a 50 MB Cobertura file, next to the npm parsers other actions
// use on the same files (lcov-parse, @cvrg-report/cobertura-json) and to a
// floor that only reads the file. Wall time, and peak memory by
// support/peak-rss.js (GNU time's maximum resident set size, or Node's
// process.resourceUsage().maxRSS at exit where GNU time is missing). The
// reports are seeded and written to a temp folder, removed afterwards.
//
// Run:  node bench/coverage.js [runs]   (default 5)
// Env:  BENCH_NODE=<node 24 binary>  BENCH_DIST=<bundle folder, e.g. one
//       built with buildStage('coverage', dir) of scripts/build.js>;
//       missing parsers are installed into bench/.tools/ by npm.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { findCoverageTools } from './support/coverage-tools.js'
import { writeCobertura, writeLcov } from './support/coverage-reports.js'
import { formatMs, median, timeCommand } from './support/measure.js'
import { peakRssMethod, readPeakRss, withPeakRss } from './support/peak-rss.js'
import { bundleRoot, cleanEnv, findNode24 } from './support/tools.js'

/** Timed runs of each command, after one untimed warm-up. */
export const DEFAULT_RUNS = 5

const SUPPORT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'support',
)

/** The two reports: name, size, writer and the parser to compare with. */
const REPORTS = [
  { name: 'lcov', file: 'lcov.info', bytes: 100_000_000, write: writeLcov },
  {
    name: 'cobertura',
    file: 'coverage.xml',
    bytes: 50_000_000,
    write: writeCobertura,
  },
]

/** Reads one value from a GITHUB_OUTPUT file (`name<<delimiter` blocks). */
function outputValue(file, name) {
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  const at = lines.findIndex((line) => line.startsWith(`${name}<<`))
  return at < 0 ? undefined : lines[at + 1]
}

/** Runs `node <args>`; its time, exit and peak RSS in KiB. */
function measured(node, args, env, dir, stdoutFile) {
  const rssFile = path.join(dir, 'rss')
  const wrapped = withPeakRss({
    command: node,
    args,
    env,
    file: rssFile,
    isNode: true,
  })
  const result = timeCommand({
    ...wrapped,
    cwd: dir,
    stdoutFile,
    stderrFile: path.join(dir, 'stderr'),
  })
  return { ...result, rssKiB: readPeakRss(rssFile) ?? NaN }
}

/** The three commands for one report, each with a check of its answer. */
function casesFor(report, facts, tools, dir) {
  const output = path.join(dir, 'output')
  const summary = path.join(dir, 'summary')
  const stdout = path.join(dir, 'stdout')
  const expected = JSON.stringify(facts.lines)
  const cases = [
    {
      name: 'coverage stage',
      run: () => {
        fs.writeFileSync(output, '')
        fs.writeFileSync(summary, '')
        return measured(
          tools.node,
          [tools.bundle],
          cleanEnv({
            INPUT_REPORTS: report.file,
            'INPUT_MIN-LINES': '0',
            INPUT_BASELINE: 'off',
            GITHUB_WORKSPACE: dir,
            GITHUB_OUTPUT: output,
            GITHUB_STEP_SUMMARY: summary,
          }),
          dir,
          stdout,
        )
      },
      check: () => {
        const lines = JSON.stringify(
          JSON.parse(outputValue(output, 'report') ?? '{}').lines,
        )
        const want = expected.replace(
          '}',
          `,"percent":${percentOf(facts.lines)}}`,
        )
        if (lines !== want)
          throw new Error(`coverage stage: ${lines}, expected ${want}`)
      },
    },
    {
      name: 'read only (floor)',
      run: () =>
        measured(
          tools.node,
          [path.join(SUPPORT, 'read-file.js'), report.file],
          cleanEnv(),
          dir,
          stdout,
        ),
    },
  ]
  const version = tools.parsers[report.name]
  if (version !== undefined) {
    const name =
      report.name === 'lcov' ? 'lcov-parse' : '@cvrg-report/cobertura-json'
    cases.push({
      name: `${name} ${version}`,
      run: () =>
        measured(
          tools.node,
          [path.join(SUPPORT, 'parse-with-tool.js'), report.name, report.file],
          cleanEnv(),
          dir,
          stdout,
        ),
      check: () => {
        const said = JSON.stringify(
          JSON.parse(fs.readFileSync(stdout, 'utf8')).lines,
        )
        if (said !== expected)
          throw new Error(`${name}: ${said}, expected ${expected}`)
      },
    })
  }
  return cases
}

function percentOf({ covered, total }) {
  return Math.round((covered / total) * 10_000) / 100
}

/**
 * Takes turns, round by round, after a warm-up round; a command that fails
 * (out of memory, say) is recorded once and not run again.
 */
function measureCases(cases, runs, log) {
  const results = new Map(
    cases.map((c) => [c.name, { ms: [], rssKiB: [], failure: undefined }]),
  )
  for (let round = -1; round < runs; round += 1) {
    for (const c of cases) {
      const result = results.get(c.name)
      if (result.failure) continue
      const run = c.run()
      if (run.status !== 0) {
        result.failure = `failed (exit ${run.status ?? run.signal})`
        log(`  ${c.name}: ${result.failure}`)
        continue
      }
      c.check?.()
      const label = round < 0 ? 'warm-up' : `run ${round + 1}/${runs}`
      log(`  ${c.name}: ${label} ${formatMs(run.ms)}, ${mib(run.rssKiB)}`)
      if (round >= 0) {
        result.ms.push(run.ms)
        result.rssKiB.push(run.rssKiB)
      }
    }
  }
  return results
}

function mib(kib) {
  return `${Math.round(kib / 1024)} MiB`
}

/** Writes the reports, times every command on each, removes the folder. */
export function benchCoverage({ runs = DEFAULT_RUNS, log = console.log } = {}) {
  const { node, version } = findNode24(log)
  const bundle = path.join(bundleRoot(), 'coverage', 'index.js')
  if (!fs.existsSync(bundle)) {
    throw new Error(
      `${bundle} is missing: build it (npm run build, or BENCH_DIST=<folder> with buildStage('coverage', <folder>))`,
    )
  }
  const tools = {
    node,
    nodeVersion: version,
    bundle,
    parsers: findCoverageTools(log),
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-bench-coverage-'))
  const rows = []
  try {
    for (const report of REPORTS) {
      log(`coverage: writing a ${report.bytes / 1e6} MB ${report.name} report`)
      const facts = report.write(path.join(dir, report.file), report.bytes, {
        root: dir,
      })
      const results = measureCases(
        casesFor(report, facts, tools, dir),
        runs,
        log,
      )
      fs.rmSync(path.join(dir, report.file))
      rows.push({ report, facts, results })
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return { tools, runs, rows, peakRss: peakRssMethod() }
}

/** The results as a Markdown table: medians, ranges in brackets. */
export function coverageTable({ rows }) {
  const lines = [
    '| report | command | wall time | peak RSS |',
    '| --- | --- | ---: | ---: |',
  ]
  for (const { report, facts, results } of rows) {
    const what = `${report.name}, ${(facts.bytes / 1e6).toFixed(0)} MB, ${facts.files.toLocaleString('en-US')} files, ${facts.lines.total.toLocaleString('en-US')} lines`
    for (const [name, result] of results) {
      if (result.failure) {
        lines.push(`| ${what} | ${name} | ${result.failure} | |`)
        continue
      }
      const low = Math.min(...result.ms)
      const high = Math.max(...result.ms)
      const rss = result.rssKiB
      lines.push(
        `| ${what} | ${name} | ${formatMs(median(result.ms))} (${formatMs(low)}–${formatMs(high)}) | ` +
          `${mib(median(rss))} (${mib(Math.min(...rss))}–${mib(Math.max(...rss))}) |`,
      )
    }
  }
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = process.argv[2] ? Number(process.argv[2]) : DEFAULT_RUNS
  const result = benchCoverage({ runs })
  console.log(
    `\nNode ${result.tools.nodeVersion}, ${result.runs} runs each after a warm-up\n`,
  )
  console.log(coverageTable(result))
}
