// Bundles every stage: actions/<stage>/src/index.ts → <out>/<stage>/index.js.
// Stages are found by folder, so adding one edits no list here.
// Usage: node scripts/build.js [outDir]   (default: dist)
//        node scripts/build.js --stage <stage> <outDir>   (one stage)
import {
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawn } from 'node:child_process'
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

/**
 * Builds every stage into outDir, each in a child process of its own, two
 * at a time: ncc's TypeScript pass keeps what it loaded, so one process
 * building fifteen stages runs out of memory.
 */
export async function buildAll(outDir, log = () => undefined) {
  const queue = findStages()
  const failures = []
  const worker = async () => {
    for (let stage = queue.shift(); stage; stage = queue.shift()) {
      const code = await new Promise((done) => {
        const child = spawn(
          process.execPath,
          [fileURLToPath(import.meta.url), '--stage', stage, outDir],
          { stdio: ['ignore', 'inherit', 'inherit'] },
        )
        child.on('close', (status) => done(status ?? 1))
      })
      if (code === 0) log(`built ${stage} → ${join(outDir, stage, 'index.js')}`)
      else failures.push(stage)
    }
  }
  await Promise.all([worker(), worker()])
  if (failures.length > 0) {
    throw new Error(`could not build ${failures.join(', ')}`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--stage') {
    await buildStage(process.argv[3], resolve(process.argv[4]))
  } else {
    const outDir = resolve(process.argv[2] ?? join(root, 'dist'))
    try {
      await buildAll(outDir, console.log)
    } catch (error) {
      console.error(error instanceof Error ? error.message : error)
      process.exitCode = 1
    }
  }
}
