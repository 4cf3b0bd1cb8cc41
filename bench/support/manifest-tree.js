// A synthetic GitOps tree for the update-manifests benchmark: `count` YAML
// files of mixed kinds under apps/<app>/<env>/, from a seeded generator, so
// every tree of one size is the same. Each file is kept as checked out and as
// it should read once the five images are set.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { cronJob, multiDocument, workload } from './manifest-kinds.js'
import { helmValues, kustomization } from './manifest-values.js'
import { ManifestWriter, seededPicker } from './manifest-writer.js'

export { BENCH_IMAGES, NEW_TAG } from './manifest-writer.js'

/**
 * The share of each kind, in order; the last kind takes the rest. About one
 * file in ten names none of the images.
 */
const KINDS = [
  ['deployment', 0.28],
  ['statefulset', 0.08],
  ['cronjob', 0.1],
  ['kustomization', 0.15],
  ['values', 0.12],
  ['multi', 0.17],
  ['other', 1],
]

function kindOf(roll) {
  let sum = 0
  for (const [kind, share] of KINDS) {
    sum += share
    if (roll < sum) return kind
  }
  return 'other'
}

/** File `index` of the tree: its path and both versions. */
function manifestFile(index, random) {
  const app = `svc-${String(Math.floor(index / 8)).padStart(3, '0')}`
  const env = random.pick(['base', 'dev', 'staging', 'prod'])
  const name = `${random.pick(['api', 'web', 'worker', 'gateway'])}-${index}`
  // Per file, as teams differ: list indentation, blank lines between blocks.
  const style = { indentless: random.chance(0.4), airy: random.chance(0.5) }
  const ext = random.chance(0.05) ? 'yml' : 'yaml'
  const w = new ManifestWriter()
  const kind = kindOf(random.next())
  const options = { name, style }
  let file = `${kind}-${index}.${ext}`
  if (kind === 'deployment' || kind === 'statefulset') {
    const kindName = kind === 'deployment' ? 'Deployment' : 'StatefulSet'
    workload(w, random, { ...options, kind: kindName })
  } else if (kind === 'cronjob') {
    cronJob(w, random, options)
  } else if (kind === 'kustomization') {
    kustomization(w, random, options)
    file = `overlay-${index}/kustomization.yaml`
  } else if (kind === 'values') {
    helmValues(w, random, options)
  } else if (kind === 'multi') {
    multiDocument(w, random, options)
  } else if (random.chance(0.5)) {
    multiDocument(w, random, { ...options, noTargets: true })
  } else {
    workload(w, random, { ...options, kind: 'Deployment', noTargets: true })
  }
  return w.finish(`apps/${app}/${env}/${file}`)
}

/**
 * Generates the files (in memory) and writes them into a fresh temp folder.
 * Returns the folder, the files, `reset()` that writes every file back as
 * checked out, and `remove()`.
 */
export function createManifestTree(count, seed = count) {
  const random = seededPicker(seed)
  const files = Array.from({ length: count }, (_, i) => manifestFile(i, random))
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-bench-manifests-'))
  const reset = () => {
    for (const file of files) {
      fs.writeFileSync(path.join(dir, file.path), file.before)
    }
  }
  for (const folder of new Set(files.map((f) => path.dirname(f.path)))) {
    fs.mkdirSync(path.join(dir, folder), { recursive: true })
  }
  reset()
  return {
    dir,
    files,
    reset,
    /** The files as they are on disk now, in the order of `files`. */
    read: () =>
      files.map((f) => fs.readFileSync(path.join(dir, f.path), 'utf8')),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}
