// The building blocks of the synthetic GitOps tree: a seeded random source,
// and a writer that keeps each file twice, as checked out and as it should
// read once every image is set, and notes where each target value sits.
import { seededRandom } from './synthetic-repo.js'

/** The images the update-manifests benchmark sets, as users would name them. */
export const BENCH_IMAGES = [
  'ghcr.io/cortex/api',
  'ghcr.io/cortex/worker',
  'ghcr.io/cortex/web',
  'ghcr.io/cortex/migrate',
  'registry.cortex.example/platform/mcp-gateway',
]

/** The tag every benchmark image gets; no generated file holds it before. */
export const NEW_TAG = '2.0.0'

/**
 * Images no run changes. `api-docs` shares its last segment's start with
 * `api`, so a scan that matches by text alone would edit it.
 */
export const OTHER_IMAGES = [
  'ghcr.io/cortex/api-docs',
  'docker.io/library/postgres',
  'quay.io/prometheus/node-exporter',
  'registry.k8s.io/git-sync/git-sync',
]

/**
 * synthetic-repo.js's seeded generator with the picks the manifest kinds
 * need, so every tree of one seed is the same.
 */
export function seededPicker(seed) {
  const next = seededRandom(seed)
  return {
    next,
    chance: (p) => next() < p,
    int: (low, high) => low + Math.floor(next() * (high - low + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  }
}

/** An old version: never NEW_TAG, so every target really changes. */
export function oldTag(random) {
  return `1.${random.int(0, 19)}.${random.int(0, 9)}`
}

/**
 * A scalar in one of the styles people write image strings and tags in:
 * mostly plain, sometimes double or single quoted.
 */
export function styled(random) {
  const roll = random.next()
  const quote = roll < 0.7 ? '' : roll < 0.9 ? '"' : "'"
  return (value) => `${quote}${value}${quote}`
}

/**
 * One file being written. `line` adds the same line to both versions;
 * `target` adds a line whose value the run must change, and the edit yq
 * needs for it.
 */
export class ManifestWriter {
  constructor() {
    this.before = []
    this.expected = []
    this.targetLines = []
    /** yq edits by key, so one filter per file does each once. */
    this.yqEdits = new Map()
  }

  line(text = '') {
    this.before.push(text)
    this.expected.push(text)
  }

  lines(...texts) {
    for (const text of texts) this.line(text)
  }

  /**
   * `prefix` + old value (+ `suffix`), and the same with the new value. The
   * edit says what yq must match: `{ kind: 'image' | 'helm' | 'kustomize',
   * repository }`.
   */
  target(prefix, oldSource, newSource, edit, suffix = '') {
    this.targetLines.push(this.before.length)
    this.before.push(`${prefix}${oldSource}${suffix}`)
    this.expected.push(`${prefix}${newSource}${suffix}`)
    this.yqEdits.set(`${edit.kind} ${edit.repository}`, edit)
  }

  /** An `image:` line naming `repository` at an old tag. */
  image(pad, repository, random, suffix = '') {
    const quote = styled(random)
    const isTarget = BENCH_IMAGES.includes(repository)
    const old = quote(`${repository}:${oldTag(random)}`)
    if (!isTarget) return this.line(`${pad}image: ${old}${suffix}`)
    const edit = { kind: 'image', repository }
    const next = quote(`${repository}:${NEW_TAG}`)
    this.target(`${pad}image: `, old, next, edit, suffix)
  }

  /** The file's two versions and what the benchmark needs to know. */
  finish(path) {
    return {
      path,
      before: `${this.before.join('\n')}\n`,
      expected: `${this.expected.join('\n')}\n`,
      targetLines: this.targetLines,
      yqEdits: [...this.yqEdits.values()],
    }
  }
}

/** Comment lines seen at the top of GitOps files, one past 80 columns. */
const HEADERS = [
  '# Managed by Argo CD: change it through a pull request, not kubectl.',
  '# Source: cortex/charts/platform/templates/workload.yaml',
  '# yaml-language-server: $schema=https://kubernetes-schemas.cortex.example/master-standalone-strict/all.json',
  '# Owner: platform team — ask in #cortex-platform before scaling down.',
]

/** The environments a namespace or overlay is for. */
export const ENVS = ['dev', 'staging', 'prod']

/** Items of a list under a key at `pad`: indented, or level with the key. */
export function itemPad(pad, style) {
  return style.indentless ? pad : `${pad}  `
}

/** Zero to three comment lines at the top of a file. */
export function header(w, random) {
  const count = random.int(0, 3)
  for (let i = 0; i < count; i += 1) w.line(random.pick(HEADERS))
}
