// Secret-scan benchmark: how fast the secret-scan stage reads a 50 MB tree
// (source, config, lock files, minified bundles, binaries, one file over
// the size limit) with secrets planted at known lines, next to secretlint
// with its recommended preset and to ripgrep given the same patterns, which
// only matches and checks nothing (the floor). Every tool is
// timed on the same tree, taking turns round by round; each one's findings
// are compared with the planted secrets. Everything runs with `env -i`-like
// environments; Node tools on Node 24.
//
// Run:  node bench/secret-scan.js [runs]   (default 5)
// Env:  BENCH_NODE=<node 24 binary>  BENCH_DIST=<bundle folder, e.g. a fresh
//       build>; secretlint is installed into bench/.tools/ when missing;
//       ripgrep is used when `rg` is on PATH.
import { spawnSync } from 'node:child_process'
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
import { SECRET_PATTERNS } from './support/secret-patterns.js'
import { createSecretTree } from './support/secret-tree.js'
import { TOOLS_DIR, bundleRoot, cleanEnv, findNode24 } from './support/tools.js'

/** secretlint and its recommended rules, pinned by major version. */
const SECRETLINT_PACKAGES = [
  'secretlint@13',
  '@secretlint/secretlint-rule-preset-recommend@13',
]

/** secretlint's CLI script and version, installed when missing. */
export function findSecretlint(log = () => {}) {
  const modules = path.join(TOOLS_DIR, 'node_modules')
  const dir = path.join(modules, 'secretlint')
  const preset = path.join(
    modules,
    '@secretlint',
    'secretlint-rule-preset-recommend',
  )
  if (!fs.existsSync(dir) || !fs.existsSync(preset)) {
    log(`installing ${SECRETLINT_PACKAGES.join(' ')} into ${TOOLS_DIR}`)
    const result = spawnSync(
      'npm',
      [
        'i',
        '--prefix',
        TOOLS_DIR,
        '--no-audit',
        '--no-fund',
        ...SECRETLINT_PACKAGES,
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    )
    if (result.status !== 0) throw new Error('npm i secretlint failed')
  }
  const pkg = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8'),
  )
  return {
    script: path.join(dir, 'bin', 'secretlint.js'),
    version: pkg.version,
  }
}

/** A program on PATH and its first line of `--version`, or undefined. */
function onPath(command) {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.split('\n')[0].trim() : undefined
}

/** Accepts the exit codes a tool uses to say "found something". */
function found(result, ok) {
  return ok.includes(result.status) ? { ...result, status: 0 } : result
}

/** `path:line` of each planted secret, and reports matched against them. */
function compare(planted, reported) {
  const places = new Set(reported.map((r) => `${r.path}:${r.line}`))
  const missed = planted.filter((p) => !places.has(`${p.path}:${p.line}`))
  const plantedAt = new Set(planted.map((p) => `${p.path}:${p.line}`))
  const other = [...places].filter((p) => !plantedAt.has(p))
  return { reported: places.size, missed, other }
}

function oursReports(sarifFile) {
  const log = JSON.parse(fs.readFileSync(sarifFile, 'utf8'))
  return log.runs.flatMap((run) =>
    run.results
      .filter((r) => r.suppressions === undefined)
      .map((r) => ({
        path: decodeURIComponent(
          r.locations[0].physicalLocation.artifactLocation.uri,
        ),
        line: r.locations[0].physicalLocation.region.startLine,
      })),
  )
}

function secretlintReports(file, tree) {
  const results = JSON.parse(fs.readFileSync(file, 'utf8'))
  return results.flatMap((r) =>
    r.messages.map((m) => ({
      path: path.relative(tree, r.filePath),
      line: m.loc?.start?.line ?? 0,
    })),
  )
}

/** `path:line:…` lines, as rg -n prints them. */
function lineReports(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [file = '', number = '0'] = line.replace(/^\.\//, '').split(':')
      return { path: file, line: Number(number) }
    })
}

/** The timed cases: ours (threads auto and 1), secretlint, ripgrep. */
function casesFor(tree, tools, reports) {
  const work = path.join(tree.dir, 'runner')
  fs.mkdirSync(work, { recursive: true })
  const patterns = path.join(work, 'patterns.txt')
  fs.writeFileSync(patterns, `${SECRET_PATTERNS.join('\n')}\n`)
  const rc = path.join(work, 'secretlintrc.json')
  fs.writeFileSync(
    rc,
    JSON.stringify({
      rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }],
    }),
  )
  const ours = (threads) => {
    const name = threads === 'auto' ? 'ours' : `ours, ${threads} thread`
    const dir = path.join(work, `ours-${threads}`)
    fs.mkdirSync(dir, { recursive: true })
    const sarif = path.join(dir, 'out.sarif')
    return {
      name,
      run: () => {
        for (const f of ['output', 'summary'])
          fs.writeFileSync(path.join(dir, f), '')
        return timeCommand({
          command: tools.node,
          args: [tools.bundle],
          cwd: tree.tree,
          stdoutFile: path.join(dir, 'log'),
          env: cleanEnv({
            GITHUB_EVENT_NAME: 'workflow_dispatch',
            GITHUB_WORKSPACE: tree.tree,
            GITHUB_OUTPUT: path.join(dir, 'output'),
            GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
            RUNNER_TEMP: dir,
            'INPUT_FAIL-ON-FINDINGS': 'false',
            'INPUT_SARIF-FILE': sarif,
            INPUT_THREADS: threads,
          }),
        })
      },
      check: () => {
        reports[name] = oursReports(sarif)
      },
    }
  }
  const slOut = path.join(work, 'secretlint.json')
  const cases = [
    ours('auto'),
    ours('1'),
    {
      name: 'secretlint',
      run: () =>
        found(
          timeCommand({
            command: tools.node,
            args: [
              tools.secretlint,
              '**/*',
              '--secretlintrc',
              rc,
              '--format',
              'json',
              '--no-color',
            ],
            cwd: tree.tree,
            stdoutFile: slOut,
            env: cleanEnv(),
          }),
          [0, 1],
        ),
      check: () => {
        reports.secretlint = secretlintReports(slOut, tree.tree)
      },
    },
  ]
  const floor = (name, command, args) => {
    const out = path.join(work, `${name}.txt`)
    return {
      name,
      run: () =>
        found(
          timeCommand({
            command,
            args,
            cwd: tree.tree,
            stdoutFile: out,
            env: cleanEnv(),
          }),
          [0, 1],
        ),
      check: () => {
        reports[name] = lineReports(out)
      },
    }
  }
  // GNU grep -E was tried as a floor too: 45 s a run with these patterns,
  // no floor at all, so only ripgrep is.
  if (tools.rg) {
    cases.push(
      floor('ripgrep', 'rg', ['-n', '--no-heading', '-o', '-f', patterns, '.']),
    )
  }
  return cases
}

/** Builds the tree, times every tool on it round by round, removes it. */
export function benchSecretScan({ runs = 5, log = console.log } = {}) {
  const node = findNode24(log)
  const secretlint = findSecretlint(log)
  const tools = {
    node: node.node,
    nodeVersion: node.version,
    bundle: path.join(bundleRoot(), 'secret-scan', 'index.js'),
    secretlint: secretlint.script,
    secretlintVersion: secretlint.version,
    rg: onPath('rg'),
  }
  log('secret-scan: building the tree')
  const tree = createSecretTree()
  try {
    const reports = {}
    const samples = measureRounds(casesFor(tree, tools, reports), { runs, log })
    const rows = [...samples.entries()].map(([name, times]) => ({
      name,
      times,
      ...compare(tree.planted, reports[name] ?? []),
    }))
    return {
      tools,
      bytes: tree.bytes,
      planted: tree.planted.length,
      runs,
      rows,
    }
  } finally {
    tree.remove()
  }
}

/** The results as a Markdown table, medians with the range in brackets. */
export function secretScanTable({ bytes, planted, rows }) {
  const secretlint = rows.find((r) => r.name === 'secretlint')
  const ours = rows.find((r) => r.name === 'ours')
  const lines = [
    `| tool | wall time | MB/s | time / ours | planted found (of ${planted}) | other lines reported |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const row of rows) {
    const seconds = median(row.times) / 1000
    lines.push(
      `| ${row.name} | ${formatSamples(row.times)} | ${(bytes / 1e6 / seconds).toFixed(1)} | ` +
        `${ours ? formatRatio(median(row.times), median(ours.times)) : ''} | ` +
        `${planted - row.missed.length}${row.missed.length > 0 ? ` (missed: ${[...new Set(row.missed.map((m) => m.kind))].join(', ')})` : ''} | ${row.other.length} |`,
    )
  }
  const ripgrep = rows.find((r) => r.name === 'ripgrep')
  if (secretlint && ours) {
    lines.push(
      '',
      `ours is ${formatRatio(median(secretlint.times), median(ours.times))} as fast as secretlint` +
        (ripgrep
          ? ` and takes ${formatRatio(median(ours.times), median(ripgrep.times))} ripgrep's time.`
          : '; ripgrep was not on PATH.'),
    )
  }
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = Number(process.argv[2] ?? '5')
  const result = benchSecretScan({ runs })
  const { tools } = result
  console.log(
    `\nNode ${tools.nodeVersion}, secretlint ${tools.secretlintVersion}, ${tools.rg ?? 'no ripgrep on PATH'}; tree ${(result.bytes / 1e6).toFixed(1)} MB\n`,
  )
  console.log(secretScanTable(result))
}
