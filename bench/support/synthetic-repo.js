// Synthetic repositories for the release benchmark: a bare `origin.git`
// holding an initial commit tagged v1.0.0 and then `count` commits of mixed
// Conventional Commits, written with one `git fast-import` run (the same idea
// as writeLinearHistory in test/support/git-repo.ts), and a clone `work`.
// Messages come from a seeded generator and dates are fixed, so every build
// of the same size has the same SHAs.
import { Buffer } from 'node:buffer'
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

/** The author and committer of every synthetic commit. */
export const BENCH_IDENTITY = {
  name: 'Cortex Bench',
  email: 'cortex-bench@example.invalid',
}

/** The tag of the last release; every generated commit comes after it. */
export const LAST_TAG = 'v1.0.0'

/** 2026-01-01T00:00:00Z; commits follow one minute apart. */
const START_SECONDS = Date.UTC(2026, 0, 1) / 1000

const SCOPES = ['api', 'cli', 'parser', 'deps', 'ui', 'auth', 'cache', 'docs']
const VERBS = ['add', 'handle', 'support', 'remove', 'rename', 'speed up']
const THINGS = [
  'retry on 503',
  'empty input',
  'the config loader',
  'windows paths',
  'long tag names',
  'a flaky timeout',
  'unicode scopes',
  'the health probe',
]
const WORDS = (
  'the a of to when it this that so we now with for an on from after ' +
  'before request response cache layer token value state field build ' +
  'step runner branch commit release tag version manifest image sync'
).split(' ')
const FREE_FORM = [
  'Update README',
  'WIP',
  'fixed typo',
  'Bump lodash from 4.17.20 to 4.17.21',
  'address review comments',
  'feat add thing without a colon',
]

/** A small seeded generator (mulberry32), so repositories are repeatable. */
export function seededRandom(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The message of commit `index`: about 30 % feat, 30 % fix, 20 % chore,
 * 10 % docs and 10 % free-form text that is not a Conventional Commit. Most
 * have a body; one commit in 1 000 is a feat with a BREAKING CHANGE footer.
 */
export function messageFor(index, random) {
  const pick = (list) => list[Math.floor(random() * list.length)]
  const sentence = (n) =>
    Array.from({ length: n }, () => pick(WORDS)).join(' ') + '.'
  const breaking = index % 1000 === 500
  const roll = breaking ? 0.2 : random()
  if (roll < 0.1) return `${pick(FREE_FORM)}\n`
  const type =
    roll < 0.4 ? 'feat' : roll < 0.7 ? 'fix' : roll < 0.9 ? 'chore' : 'docs'
  const scope = random() < 0.5 ? `(${pick(SCOPES)})` : ''
  let message = `${type}${scope}: ${pick(VERBS)} ${pick(THINGS)}\n`
  if (random() < 0.8) {
    message += `\n${sentence(10)}\n${sentence(8)}\n`
    if (random() < 0.3) message += `\n${sentence(12)}\n`
  }
  const footers = []
  if (breaking) {
    footers.push(`BREAKING CHANGE: ${sentence(9)}`)
  }
  if (random() < 0.2) footers.push(`Refs: #${1 + Math.floor(random() * 999)}`)
  if (footers.length > 0) message += `\n${footers.join('\n')}\n`
  return message
}

/** One commit command of a fast-import stream, on refs/heads/main. */
function commitCommand(seconds, message, { mark = '', files = '' } = {}) {
  const who = `${BENCH_IDENTITY.name} <${BENCH_IDENTITY.email}>`
  const when = `${seconds} +0000`
  return (
    `commit refs/heads/main\n${mark}` +
    `author ${who} ${when}\ncommitter ${who} ${when}\n` +
    `data ${Buffer.byteLength(message)}\n${message}${files}\n`
  )
}

/** The whole fast-import stream: initial commit, tag, then `count` commits. */
function importStream(count) {
  const readme = '# bench\n'
  const chunks = [
    `blob\nmark :1\ndata ${Buffer.byteLength(readme)}\n${readme}\n`,
    commitCommand(START_SECONDS, 'chore: initial commit\n', {
      mark: 'mark :2\n',
      files: 'M 100644 :1 README.md\n',
    }),
    `reset refs/tags/${LAST_TAG}\nfrom :2\n\n`,
  ]
  const random = seededRandom(count)
  for (let i = 0; i < count; i += 1) {
    const seconds = START_SECONDS + 60 * (i + 1)
    chunks.push(commitCommand(seconds, messageFor(i, random)))
  }
  return chunks.join('')
}

/** Environment for setting the repos up: no user or system git config. */
function setupEnv(globalConfig) {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_')) env[key] = value
  }
  return {
    ...env,
    GIT_CONFIG_GLOBAL: globalConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    LC_ALL: 'C',
  }
}

function git(args, env, input) {
  const result = spawnSync('git', args, {
    env,
    input,
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) {
    const said = result.stderr?.toString('utf8') ?? String(result.error)
    throw new Error(`git ${args.join(' ')} failed: ${said}`)
  }
  return result.stdout.toString('utf8').trim()
}

/**
 * Builds the repositories in a fresh temp folder. Returns its paths and
 * `remove()`; the caller removes it.
 */
export function createSyntheticRepo(count) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cortex-bench-${count}-`))
  const globalConfig = path.join(dir, 'empty.gitconfig')
  fs.writeFileSync(globalConfig, '')
  const env = setupEnv(globalConfig)
  const originDir = path.join(dir, 'origin.git')
  const workDir = path.join(dir, 'work')
  git(['init', '--quiet', '--bare', '-b', 'main', originDir], env)
  git(
    ['-C', originDir, 'fast-import', '--quiet'],
    env,
    Buffer.from(importStream(count)),
  )
  git(['clone', '--quiet', originDir, workDir], env)
  git(['-C', workDir, 'config', 'user.name', BENCH_IDENTITY.name], env)
  git(['-C', workDir, 'config', 'user.email', BENCH_IDENTITY.email], env)
  const head = git(['-C', workDir, 'rev-parse', 'HEAD'], env)
  const counted = git(
    ['-C', workDir, 'rev-list', '--count', `${LAST_TAG}..HEAD`],
    env,
  )
  return {
    dir,
    originDir,
    workDir,
    head,
    commits: Number(counted),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}
