// Startup benchmark: the cold start of each bundle in dist/ when it has no
// work to do, next to `node -e ''`, on Node 24 with an `env -i`-like env;
// and each bundle's size. What is left after subtracting `node -e ''` is
// the cost of loading and running the bundle itself.
//
// Run:  node bench/startup.js [runs]   (default 20)
// Env:  BENCH_NODE=<node 24 binary>  BENCH_DIST=<bundle folder>
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  formatMs,
  formatSamples,
  measureRounds,
  median,
  timeCommand,
} from './support/measure.js'
import { cleanEnv, findBundles, findNode24 } from './support/tools.js'

/** Timed runs of each command, as the brief asks. */
export const DEFAULT_RUNS = 20

/**
 * Inputs that make a stage exit at once without touching anything: the
 * release stage on a branch that does not release. A stage not listed gets
 * the runner files only, and its exit code is shown in the table.
 */
const NO_WORK_ENV = {
  release: {
    'INPUT_DRY-RUN': 'true',
    'INPUT_GITHUB-RELEASE': 'false',
    'INPUT_CHANGELOG-FILE': 'none',
    GITHUB_REF_NAME: 'bench/no-release-here',
    GITHUB_REPOSITORY: 'o/r',
  },
}

/** Times every bundle and `node -e ''`, round by round. */
export function benchStartup({ runs = DEFAULT_RUNS, log = console.log } = {}) {
  const { node, version } = findNode24(log)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-bench-startup-'))
  try {
    const outputFile = path.join(dir, 'output')
    const summaryFile = path.join(dir, 'summary')
    const bundles = findBundles().map((b) => ({
      ...b,
      bytes: fs.statSync(b.file).size,
      exitCodes: new Set(),
    }))
    const cases = [
      {
        name: "node -e ''",
        run: () =>
          timeCommand({ command: node, args: ['-e', ''], env: cleanEnv() }),
      },
      ...bundles.map((b) => ({
        name: b.stage,
        run: () => {
          fs.writeFileSync(outputFile, '')
          fs.writeFileSync(summaryFile, '')
          const result = timeCommand({
            command: node,
            args: [b.file],
            cwd: dir,
            env: cleanEnv({
              GITHUB_OUTPUT: outputFile,
              GITHUB_STEP_SUMMARY: summaryFile,
              GITHUB_WORKSPACE: dir,
              ...NO_WORK_ENV[b.stage],
            }),
          })
          b.exitCodes.add(result.status)
          // A stage without a no-work recipe may fail on missing inputs;
          // that is still a start with nothing done, so it counts.
          return { ...result, status: 0 }
        },
      })),
    ]
    log(`startup: ${bundles.length} bundle(s), ${runs} runs each`)
    const samples = measureRounds(cases, { runs, log })
    return {
      node: version,
      runs,
      baseline: samples.get("node -e ''"),
      bundles: bundles.map((b) => ({
        stage: b.stage,
        bytes: b.bytes,
        exitCodes: [...b.exitCodes],
        samples: samples.get(b.stage),
      })),
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The results as a Markdown table, medians with the range in brackets. */
export function startupTable({ baseline, bundles, runs }) {
  const base = median(baseline)
  const lines = [
    '| command | bytes | runs | wall time | over `node -e` | exit |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| \`node -e ''\` | | ${runs} | ${formatSamples(baseline)} | | 0 |`,
  ]
  for (const b of bundles) {
    lines.push(
      `| \`dist/${b.stage}/index.js\` | ${b.bytes.toLocaleString('en-US')} | ` +
        `${runs} | ${formatSamples(b.samples)} | ` +
        `+${formatMs(median(b.samples) - base)} | ${b.exitCodes.join(', ')} |`,
    )
  }
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? DEFAULT_RUNS)
  console.log(`\n${startupTable(benchStartup({ runs }))}`)
}
