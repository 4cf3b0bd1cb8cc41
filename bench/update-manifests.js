// Update-manifests benchmark: setting five images across a GitOps tree of
// 2 000 YAML files (Deployments, StatefulSets, CronJobs, kustomizations,
// Helm values, multi-document files; seeded, so every run builds the same
// tree), three ways, on the same files reset between runs:
//   floor  a Node script reading and writing every file unchanged
//   ours   the bundled stage in mode `write`
//   yq     kislyuk's yq, one `yq -y -i '<jq filter>' <file>` per file that
//          names an image, one filter doing all of that file's edits
// Each run's result is judged against the expected files: every target set
// (compared as data), and how many lines that were not targets changed.
//
// Run:  node bench/update-manifests.js [files] [runs] [yq runs]
//       (default 2000 5 3; yq takes minutes a run, so it runs fewer times)
//       node bench/update-manifests.js --cpu-prof [files]: ours once under
//       the profiler, the profile kept in bench/.work/, a summary printed
// Env:  BENCH_NODE=<node 24 binary>  BENCH_DIST=<bundle folder>
//       BENCH_YQ=<yq binary>, else `yq` on PATH. The bundle must exist:
//       node -e "import('./scripts/build.js').then(m=>m.buildStage('update-manifests','dist'))"
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { floorCase, oursCase, yqCase } from './support/manifest-cases.js'
import { NEW_TAG, createManifestTree } from './support/manifest-tree.js'
import {
  formatRatio,
  formatSamples,
  measureRounds,
  median,
} from './support/measure.js'
import { formatProfile, summariseProfile } from './support/cpu-profile.js'
import { ROOT, bundleRoot, findNode24 } from './support/tools.js'
import { totalLines } from './support/tree-changes.js'
import { detectYq } from './support/yq.js'

/** Files in the tree, timed runs of the floor and ours, timed runs of yq. */
export const DEFAULT_PLAN = { files: 2000, runs: 5, yqRuns: 3 }

function findBundle() {
  const bundle = path.join(bundleRoot(), 'update-manifests', 'index.js')
  if (!fs.existsSync(bundle)) {
    throw new Error(`no ${bundle}: build the update-manifests bundle first`)
  }
  return bundle
}

/**
 * Runs ours once on a fresh tree under `node --cpu-prof`, keeps the profile
 * in bench/.work/ (open it in Chrome DevTools) and returns its summary.
 */
export function profileOurs({ files = DEFAULT_PLAN.files, log = console.log }) {
  const node = findNode24(log)
  const bundle = findBundle()
  const dir = path.join(ROOT, 'bench', '.work', 'update-manifests-cpu')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const tree = createManifestTree(files)
  try {
    const found = {}
    const args = ['--cpu-prof', `--cpu-prof-dir=${dir}`]
    const ours = oursCase(tree, node.node, bundle, dir, found, args)
    const result = ours.run()
    if (result.status !== 0) throw new Error(`ours failed (see ${dir})`)
    ours.check()
    const profile = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
    log(`ours: ${result.ms.toFixed(0)} ms under the profiler`)
    log(`profile: ${path.join(dir, profile)}`)
    return summariseProfile(path.join(dir, profile))
  } finally {
    tree.remove()
  }
}

/**
 * Builds the tree, times the floor and ours round by round, then yq, and
 * removes the tree. Returns the tools, the tree's size and each row.
 */
export function benchUpdateManifests({
  plan = DEFAULT_PLAN,
  log = console.log,
} = {}) {
  const node = findNode24(log)
  const bundle = findBundle()
  const yq = detectYq()
  log(`update-manifests: writing ${plan.files} manifest files`)
  const tree = createManifestTree(plan.files)
  const runner = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-bench-um-'))
  try {
    const found = {}
    const cases = [
      floorCase(tree, node.node),
      oursCase(tree, node.node, bundle, runner, found),
    ]
    const samples = measureRounds(cases, { runs: plan.runs, log })
    const canRunYq = yq.flavour === 'kislyuk' && plan.yqRuns > 0
    if (canRunYq) {
      const timed = measureRounds([yqCase(tree, yq, found)], {
        runs: plan.yqRuns,
        warmups: 0,
        log,
      })
      samples.set('yq', timed.get('yq'))
    }
    const withTargets = tree.files.filter((f) => f.targetLines.length > 0)
    return {
      tools: { node: node.version, yq },
      files: tree.files.length,
      filesWithTargets: withTargets.length,
      targets: withTargets.reduce((n, f) => n + f.targetLines.length, 0),
      plan,
      samples,
      ours: found.ours,
      yq: canRunYq ? { ...found.yq, failed: found.yqFailed } : undefined,
    }
  } finally {
    tree.remove()
    fs.rmSync(runner, { recursive: true, force: true })
  }
}

const count = (n) => n.toLocaleString('en-US')

function linesCell(judged) {
  const lines = totalLines(judged.linesOutside)
  if (lines === 0) return '0'
  return `${count(lines)} in ${count(judged.filesWithOtherChanges)} files`
}

function yqLabel(yq) {
  if (yq.flavour === 'kislyuk') {
    return `yq -y -i (kislyuk, ${yq.version}, ${yq.jq})`
  }
  return yq.flavour === 'mikefarah' ? 'yq (mikefarah)' : 'yq'
}

/** The results as a Markdown table, then what yq could not do. */
export function updateManifestsTable(result) {
  const { samples, plan } = result
  const floor = median(samples.get('floor'))
  const yq = samples.has('yq') ? median(samples.get('yq')) : undefined
  const row = (tool, runs, values, files, lines) => {
    const ms = median(values)
    // yq over this, not this over yq: "28×" reads better than "0.03×".
    const yqOver = yq === undefined ? '' : formatRatio(yq, ms)
    return (
      `| ${tool} | ${runs} | ${formatSamples(values)} | ` +
      `${formatRatio(ms, floor)} | ${yqOver} | ${files} | ${lines} |`
    )
  }
  const lines = [
    '| tool | runs | median (range) | this / floor | yq / this | files changed | lines changed outside targets |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row(
      'floor: read + write every file',
      plan.runs,
      samples.get('floor'),
      0,
      0,
    ),
    row(
      'ours: `dist/update-manifests` (mode write)',
      plan.runs,
      samples.get('ours'),
      count(result.ours.filesChanged),
      linesCell(result.ours),
    ),
  ]
  const { yq: judged } = result
  if (judged === undefined) {
    const { flavour } = result.tools.yq
    const why =
      flavour === 'mikefarah'
        ? "not run: mikefarah's yq takes another expression language"
        : flavour === 'kislyuk'
          ? 'not run: 0 runs asked for'
          : 'not run: no kislyuk yq on PATH (or in BENCH_YQ)'
    lines.push(`| ${yqLabel(result.tools.yq)} | | ${why} | | | | |`)
  } else {
    lines.push(
      row(
        `${yqLabel(result.tools.yq)}, a process a file`,
        plan.yqRuns,
        samples.get('yq'),
        count(judged.filesChanged),
        linesCell(judged),
      ),
    )
  }
  lines.push('', ...notes(result))
  return lines.join('\n')
}

function notes(result) {
  const said = [
    `${count(result.files)} files, ${count(result.filesWithTargets)} of ` +
      `them naming at least one of the five images, ${count(result.targets)} ` +
      `values to set to \`${NEW_TAG}\`.`,
  ]
  const wrong = (judged, who) =>
    judged.wrongData.length === 0
      ? `${who} set every target (compared as data, YAML 1.1).`
      : `${who} left ${judged.wrongData.length} files with data other than ` +
        `expected, e.g. \`${judged.wrongData[0]}\`.`
  said.push(wrong(result.ours, 'Ours'))
  if (result.yq !== undefined) {
    const { comment, blank, marker, other } = result.yq.linesOutside
    said.push(
      `${wrong(result.yq, 'yq')} yq failed on ` +
        `${result.yq.failed.length} files. What it could not keep, in ` +
        `lines that were not targets: ${count(comment)} comment lines, ` +
        `${count(blank)} blank lines, ${count(marker)} \`---\` lines, ` +
        `${count(result.yq.targetCommentsLost)} trailing comments of ` +
        'target lines (Flux image-policy markers) and ' +
        `${count(other)} other lines rewritten (quotes, flow maps, list ` +
        'indentation, block scalars, `0644` as `420`, long lines wrapped).',
    )
  }
  return said
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  if (args[0] === '--cpu-prof') {
    const files = Number(args[1]) || DEFAULT_PLAN.files
    console.log(formatProfile(profileOurs({ files })))
    process.exit(0)
  }
  const [files, runs, yqRuns] = args.map(Number)
  const plan = {
    files: files || DEFAULT_PLAN.files,
    runs: runs || DEFAULT_PLAN.runs,
    yqRuns: yqRuns ?? DEFAULT_PLAN.yqRuns,
  }
  console.log(`\n${updateManifestsTable(benchUpdateManifests({ plan }))}`)
}
