#!/usr/bin/env node
// Runs a bundled stage outside GitHub, with the runner's environment built
// from flags: INPUT_* from --input, GITHUB_* from --env, an event file, and
// temporary GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files that are printed after.
//
//   node scripts/local-run.js release --input dry-run=true \
//     --env GITHUB_WORKSPACE=$PWD --env GITHUB_REF_NAME=main
import { spawnSync } from 'node:child_process'
import {
  realpathSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Reads a GITHUB_OUTPUT file into { name: value }. */
export function parseOutputs(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const value = []
    for (i += 1; i < lines.length && lines[i] !== match[2]; i += 1) {
      value.push(lines[i])
    }
    outputs[match[1]] = value.join('\n')
  }
  return outputs
}

/**
 * Runs dist/<stage>/index.js as a child process; returns its exit code, its
 * log, outputs and summary. Throws when the stage has no bundle.
 */
export function runStage(stage, { inputs = {}, env = {}, event = {} } = {}) {
  const bundle = join(root, 'dist', stage, 'index.js')
  if (!existsSync(bundle)) {
    const dist = join(root, 'dist')
    const stages = existsSync(dist) ? readdirSync(dist).join(', ') : 'none'
    throw new Error(
      `no bundle for stage '${stage}'; the bundled stages are: ${stages}`,
    )
  }
  const dir = mkdtempSync(join(tmpdir(), 'cortex-local-'))
  try {
    const files = {
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary'),
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
    }
    writeFileSync(files.GITHUB_OUTPUT, '')
    writeFileSync(files.GITHUB_STEP_SUMMARY, '')
    writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(event))
    const childEnv = {
      ...process.env,
      GITHUB_ACTIONS: 'true',
      ...files,
      ...env,
    }
    for (const [name, value] of Object.entries(inputs)) {
      childEnv[`INPUT_${name.toUpperCase()}`] = value
    }
    const child = spawnSync(process.execPath, [bundle], {
      env: childEnv,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    })
    return {
      code: child.status ?? 1,
      log: `${child.stdout}${child.stderr}`,
      outputs: parseOutputs(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Undoes the escaping @actions/core applies to command messages. */
function unescapeCommand(text) {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/**
 * Renders the runner's log commands for a terminal: groups as headings,
 * annotations by level; debug and mask commands dropped.
 */
export function readableLog(log) {
  return log
    .split('\n')
    .filter(
      (l) =>
        l !== '::endgroup::' &&
        !l.startsWith('::debug::') &&
        !l.startsWith('::add-mask::'),
    )
    .map((l) =>
      l
        .replace(/^::group::(.*)$/, '▶ $1')
        .replace(
          /^::(warning|error|notice)[^:]*::(.*)$/,
          (_, level, text) =>
            `${level.toUpperCase()}: ${unescapeCommand(text)}`,
        ),
    )
    .join('\n')
}

const USAGE =
  'usage: node scripts/local-run.js <stage> [--input name=value]... [--env NAME=value]... [--event file.json]'

/** Stops with a message and the usage, without a stack trace. */
function fail(message) {
  console.error(`${message}\n${USAGE}`)
  process.exit(2)
}

function readEvent(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    return fail(
      `--event ${path}: ${error instanceof Error ? error.message : error}`,
    )
  }
}

// Run as a command (also through a symlink, as npx and bin folders do),
// not when imported by the demo.
const invoked = process.argv[1] ? realpathSync(process.argv[1]) : ''
if (invoked === realpathSync(fileURLToPath(import.meta.url))) {
  const [stage, ...rest] = process.argv.slice(2)
  if (!stage || stage.startsWith('-')) fail('no stage named')
  const inputs = {}
  const env = {}
  let event = {}
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value = ''] = [rest[i], rest[i + 1]]
    const at = value.indexOf('=')
    if (flag === '--event') event = readEvent(value)
    else if ((flag === '--input' || flag === '--env') && at > 0) {
      ;(flag === '--input' ? inputs : env)[value.slice(0, at)] = value.slice(
        at + 1,
      )
    } else fail(`bad argument ${JSON.stringify(flag)} ${JSON.stringify(value)}`)
  }
  let result
  try {
    result = runStage(stage, { inputs, env, event })
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }
  console.log(readableLog(result.log))
  console.log(`\n── step summary ──\n${result.summary}`)
  process.exitCode = result.code
}
