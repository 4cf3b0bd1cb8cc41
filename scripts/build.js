// Bundles every stage: actions/<stage>/src/index.ts → <out>/<stage>/index.js.
// Stages are found by folder, so adding one edits no list here.
// Usage: node scripts/build.js [outDir]   (default: dist)
import {
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ncc from '@vercel/ncc'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The stage names: folders of actions/ that hold src/index.ts. */
export function findStages() {
  const dir = join(root, 'actions')
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .filter((name) => existsSync(join(dir, name, 'src', 'index.ts')))
    .sort()
}

/** Builds one stage's bundle into outDir/<stage>. */
export async function buildStage(stage, outDir) {
  const entry = join(root, 'actions', stage, 'src', 'index.ts')
  const { code, assets } = await ncc(entry, {
    minify: true,
    sourceMap: false,
    license: 'licenses.txt',
    quiet: true,
    target: 'es2022',
  })
  const dest = join(outDir, stage)
  rmSync(dest, { recursive: true, force: true })
  mkdirSync(dest, { recursive: true })
  writeFileSync(join(dest, 'index.js'), code)
  for (const [name, asset] of Object.entries(assets ?? {})) {
    const file = join(dest, name)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, asset.source)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outDir = resolve(process.argv[2] ?? join(root, 'dist'))
  for (const stage of findStages()) {
    await buildStage(stage, outDir)
    console.log(`built ${stage} → ${join(outDir, stage, 'index.js')}`)
  }
}
