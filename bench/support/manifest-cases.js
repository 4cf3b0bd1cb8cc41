// The three timed cases of the update-manifests benchmark, each a
// `{ name, run, check }` for measureRounds. Every run starts from the tree as
// checked out; every check reads the tree back and judges it.
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { BENCH_IMAGES, NEW_TAG } from './manifest-tree.js'
import { timeCommand } from './measure.js'
import { ROOT, cleanEnv } from './tools.js'
import { judgeTree } from './tree-changes.js'
import { fileFilter } from './yq.js'

const FLOOR_SCRIPT = path.join(ROOT, 'bench', 'support', 'rewrite-files.js')

function fingerprint(texts) {
  const hash = createHash('sha256')
  for (const text of texts) hash.update(text).update('\0')
  return hash.digest('hex')
}

/**
 * A check for one tool: the first run is judged in full, every later run
 * must leave the very same files.
 */
function judgeOnce(tree, found, name) {
  return () => {
    const texts = tree.read()
    const print = fingerprint(texts)
    if (found[name] === undefined) {
      found[name] = { ...judgeTree(tree.files, texts), print }
    } else if (found[name].print !== print) {
      throw new Error(`${name}: the files differ from its first run's`)
    }
  }
}

/** The floor: a Node script that reads and writes every file unchanged. */
export function floorCase(tree, node) {
  const unchanged = fingerprint(tree.files.map((f) => f.before))
  return {
    name: 'floor',
    run: () => {
      tree.reset()
      return timeCommand({
        command: node,
        args: [FLOOR_SCRIPT, tree.dir],
        cwd: tree.dir,
        env: cleanEnv(),
      })
    },
    check: () => {
      if (fingerprint(tree.read()) !== unchanged) {
        throw new Error('floor: a file changed')
      }
    },
  }
}

/** The bundled stage in mode `write`, with the runner's files. */
export function oursCase(tree, node, bundle, runner, found, nodeArgs = []) {
  const outputFile = path.join(runner, 'output')
  const summaryFile = path.join(runner, 'summary')
  const images = BENCH_IMAGES.map((image) => `${image}:${NEW_TAG}`)
  return {
    name: 'ours',
    run: () => {
      tree.reset()
      // The runner gives every step fresh, empty files.
      fs.writeFileSync(outputFile, '')
      fs.writeFileSync(summaryFile, '')
      return timeCommand({
        command: node,
        args: [...nodeArgs, bundle],
        cwd: tree.dir,
        stdoutFile: path.join(runner, 'ours.log'),
        stderrFile: path.join(runner, 'ours.err'),
        env: cleanEnv({
          INPUT_IMAGES: images.join('\n'),
          // Required since the stage refuses to guess (no default glob).
          INPUT_FILES: '**/*.yaml\n**/*.yml',
          INPUT_MODE: 'write',
          'INPUT_WORKING-DIRECTORY': tree.dir,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
          GITHUB_WORKSPACE: tree.dir,
        }),
      })
    },
    check: judgeOnce(tree, found, 'ours'),
  }
}

/**
 * yq once per file that names an image, one after another as a shell loop
 * would run them; the time is the sum of the processes' wall times.
 */
export function yqCase(tree, yq, found) {
  const jobs = tree.files
    .filter((file) => file.yqEdits.length > 0)
    .map((file) => ({ file, filter: fileFilter(file.yqEdits, NEW_TAG) }))
  return {
    name: 'yq',
    run: () => {
      tree.reset()
      const failed = []
      let ms = 0
      for (const { file, filter } of jobs) {
        const result = timeCommand({
          command: yq.command,
          args: ['-y', '-i', filter, file.path],
          cwd: tree.dir,
          env: cleanEnv(),
        })
        ms += result.ms
        if (result.status !== 0) failed.push(file.path)
      }
      found.yqFailed = failed
      const status = failed.length === jobs.length ? 1 : 0
      return { ms, status, signal: null }
    },
    check: judgeOnce(tree, found, 'yq'),
  }
}
