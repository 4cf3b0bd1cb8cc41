// Release benchmark: how long the release stage's dry run takes on a long
// history, next to semantic-release's dry run and to the bare `git log` both
// have to read. Synthetic repos of 10 000 and 100 000 commits since v1.0.0,
// each with a bare origin beside the clone, are built in a temp folder and
// removed afterwards. Everything runs on Node 24 with `env -i`-like env.
//
// Run:  node bench/release.js [commits:runs ...]   (default 10000:5 100000:5)
// Env:  BENCH_NODE=<node 24 binary>  BENCH_DIST=<bundle folder, e.g. a fresh
//       `node scripts/build.js /tmp/x`>; missing tools are installed by npm.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  formatRatio,
  formatSamples,
  measureRounds,
  median,
  timeCommand,
} from './support/measure.js'
import { LAST_TAG, createSyntheticRepo } from './support/synthetic-repo.js'
import {
  bundleRoot,
  cleanEnv,
  findNode24,
  findSemanticRelease,
  gitVersion,
} from './support/tools.js'

/**
 * Sizes and timed runs per size. Five runs at 100 000 commits, not three:
 * on a shared machine one slow run moves a median of three too far.
 */
export const DEFAULT_PLAN = [
  { commits: 10_000, runs: 5 },
  { commits: 100_000, runs: 5 },
]

const GIT_LOG_ARGS = ['log', '--format=%H%x1f%P%x1f%B%x1e', `${LAST_TAG}..HEAD`]

/** Reads one value from a GITHUB_OUTPUT file (`name<<delimiter` blocks). */
function outputValue(file, name) {
  const lines = fs.readFileSync(file, 'utf8').split('\n')
  const at = lines.findIndex((line) => line.startsWith(`${name}<<`))
  return at < 0 ? undefined : lines[at + 1]
}

/** The three timed cases for one repository. */
function casesFor(repo, tools, found) {
  const files = path.join(repo.dir, 'runner')
  fs.mkdirSync(files)
  const outputFile = path.join(files, 'output')
  const summaryFile = path.join(files, 'summary')
  const oursLog = path.join(files, 'ours.log')
  const srLog = path.join(files, 'semantic-release.log')
  const ours = {
    name: 'ours',
    run: () => {
      // The runner gives every step fresh, empty files.
      fs.writeFileSync(outputFile, '')
      fs.writeFileSync(summaryFile, '')
      return timeCommand({
        command: tools.node,
        args: [tools.releaseBundle],
        cwd: repo.workDir,
        stdoutFile: oursLog,
        env: cleanEnv({
          'INPUT_DRY-RUN': 'true',
          'INPUT_GITHUB-RELEASE': 'false',
          'INPUT_CHANGELOG-FILE': 'none',
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
          GITHUB_WORKSPACE: repo.workDir,
          GITHUB_REF_NAME: 'main',
          GITHUB_REPOSITORY: 'o/r',
        }),
      })
    },
    check: () => {
      found.ours = outputValue(outputFile, 'version')
      if (!found.ours) throw new Error(`ours: no version (see ${oursLog})`)
    },
  }
  const who = { name: 'Cortex Bench', email: 'cortex-bench@example.invalid' }
  const semanticRelease = {
    name: 'semantic-release',
    run: () =>
      timeCommand({
        command: tools.node,
        args: [
          tools.semanticRelease,
          '--dry-run',
          '--no-ci',
          '--branches',
          'main',
          // A file URL, not a bare path: the notes generator parses it with
          // `new URL`. Only the local bare origin is ever contacted.
          '--repository-url',
          `file://${repo.originDir}`,
          '--plugins',
          '@semantic-release/commit-analyzer,@semantic-release/release-notes-generator',
        ],
        cwd: repo.workDir,
        stdoutFile: srLog,
        env: cleanEnv({
          GIT_AUTHOR_NAME: who.name,
          GIT_AUTHOR_EMAIL: who.email,
          GIT_COMMITTER_NAME: who.name,
          GIT_COMMITTER_EMAIL: who.email,
        }),
      }),
    check: () => {
      const said = /The next release version is (\S+)/.exec(
        fs.readFileSync(srLog, 'utf8'),
      )
      found.semanticRelease = said?.[1]
      if (!said) throw new Error(`semantic-release: no version (see ${srLog})`)
    },
  }
  const gitLog = {
    name: 'git log',
    run: () =>
      timeCommand({
        command: 'git',
        args: GIT_LOG_ARGS,
        cwd: repo.workDir,
        env: cleanEnv(),
      }),
  }
  return [ours, semanticRelease, gitLog]
}

/**
 * Builds each repository, times the three commands on it round by round and
 * removes it. Returns the tools used and one row of samples per size.
 */
export function benchRelease({ plan = DEFAULT_PLAN, log = console.log } = {}) {
  const node = findNode24(log)
  const sr = findSemanticRelease(log)
  const tools = {
    node: node.node,
    nodeVersion: node.version,
    semanticRelease: sr.script,
    semanticReleaseVersion: sr.version,
    releaseBundle: path.join(bundleRoot(), 'release', 'index.js'),
    gitVersion: gitVersion(),
  }
  const rows = []
  for (const { commits, runs } of plan) {
    log(`release: building a repo with ${commits} commits since ${LAST_TAG}`)
    const repo = createSyntheticRepo(commits)
    try {
      const found = {}
      const samples = measureRounds(casesFor(repo, tools, found), {
        runs,
        log,
      })
      rows.push({
        commits: repo.commits,
        runs,
        ours: samples.get('ours'),
        semanticRelease: samples.get('semantic-release'),
        gitLog: samples.get('git log'),
        nextVersion: found,
      })
    } finally {
      repo.remove()
    }
  }
  return { tools, rows }
}

/** The results as a Markdown table, medians with the range in brackets. */
export function releaseTable({ rows }) {
  const lines = [
    '| commits since v1.0.0 | runs | ours (dry run) | semantic-release --dry-run | git log | ours / semantic-release | ours / git log | next version (ours / s-r) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ]
  for (const row of rows) {
    const [ours, sr, log] = [row.ours, row.semanticRelease, row.gitLog].map(
      median,
    )
    lines.push(
      `| ${row.commits.toLocaleString('en-US')} | ${row.runs} | ` +
        `${formatSamples(row.ours)} | ${formatSamples(row.semanticRelease)} | ` +
        `${formatSamples(row.gitLog)} | ${formatRatio(ours, sr)} | ` +
        `${formatRatio(ours, log)} | ` +
        `${row.nextVersion.ours} / ${row.nextVersion.semanticRelease} |`,
    )
  }
  return lines.join('\n')
}

/** `10000:5` → `{ commits: 10000, runs: 5 }`. */
function parsePlan(args) {
  if (args.length === 0) return DEFAULT_PLAN
  return args.map((arg) => {
    const [commits, runs = '3'] = arg.split(':')
    return { commits: Number(commits), runs: Number(runs) }
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = benchRelease({ plan: parsePlan(process.argv.slice(2)) })
  console.log(`\n${releaseTable(result)}`)
}
