// Runs a bundled stage outside GitHub, with the runner's environment built
// from flags: INPUT_* from --input, GITHUB_* from --env, an event file, and
// temporary GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files that are printed after.
//
//   node scripts/local-run.js release --input dry-run=true \
//     --env GITHUB_WORKSPACE=$PWD --env GITHUB_REF_NAME=main
import { spawnSync } from 'node:child_process'
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
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
    for (i += 1; i < lines.length && lines[i] !== match[2]; i += 1)
      value.push(lines[i])
    outputs[match[1]] = value.join('\n')
  }
  return outputs
}

/**
 * Runs dist/<stage>/index.js as a child process; returns its exit code, its
 * log lines, outputs and summary.
 */
export function runStage(stage, { inputs = {}, env = {}, event = {} } = {}) {
  const bundle = join(root, 'dist', stage, 'index.js')
  if (!existsSync(bundle))
    throw new Error(
      `no bundle for stage '${stage}' (${bundle}); run npm run build`,
    )
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
    for (const [name, value] of Object.entries(inputs))
      childEnv[`INPUT_${name.toUpperCase()}`] = value
    const child = spawnSync(process.execPath, [bundle], {
      env: childEnv,
      encoding: 'utf8',
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

/** Renders runner log commands for a terminal: groups as headings, annotations by level. */
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
          (_, level, text) => `${level.toUpperCase()}: ${text}`,
        ),
    )
    .join('\n')
}

function usage() {
  return 'usage: node scripts/local-run.js <stage> [--input name=value]... [--env NAME=value]... [--event file.json]'
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [stage, ...rest] = process.argv.slice(2)
  if (!stage || stage.startsWith('-')) {
    console.error(usage())
    process.exit(2)
  }
  const inputs = {}
  const env = {}
  let event = {}
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value = ''] = [rest[i], rest[i + 1]]
    const at = value.indexOf('=')
    if (flag === '--event') event = JSON.parse(readFileSync(value, 'utf8'))
    else if ((flag === '--input' || flag === '--env') && at > 0) {
      ;(flag === '--input' ? inputs : env)[value.slice(0, at)] = value.slice(
        at + 1,
      )
    } else {
      console.error(
        `bad argument ${JSON.stringify(flag)} ${JSON.stringify(value)}\n${usage()}`,
      )
      process.exit(2)
    }
  }
  const result = runStage(stage, { inputs, env, event })
  console.log(readableLog(result.log))
  console.log(`\n── outputs ──`)
  for (const [name, value] of Object.entries(result.outputs))
    console.log(`${name} = ${value.includes('\n') ? `\n${value}` : value}`)
  console.log(`\n── step summary ──\n${result.summary}`)
  process.exitCode = result.code
}
