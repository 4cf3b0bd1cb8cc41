// The demo: replays the sample service's Conventional Commit history into a
// temporary repository with a local bare remote, then runs the bundled
// release stage on it, first as a dry run, then for real with the GitHub
// release switched off (commit, tag and push to the local remote).
//
//   npm run demo
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readableLog, runStage } from './local-run.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const sample = join(root, 'examples', 'sample-service')
const dir = mkdtempSync(join(tmpdir(), 'cortex-demo-'))
const work = join(dir, 'sample-service')
const origin = join(dir, 'origin.git')
let clock = Date.parse('2026-11-02T09:00:00Z') / 1000

/** Runs git in the demo clone with a fixed identity and advancing dates. */
function git(...args) {
  clock += 3600
  return execFileSync('git', args, {
    cwd: work,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Demo Dev',
      GIT_AUTHOR_EMAIL: 'dev@cortex.invalid',
      GIT_COMMITTER_NAME: 'Demo Dev',
      GIT_COMMITTER_EMAIL: 'dev@cortex.invalid',
      GIT_AUTHOR_DATE: `${clock} +0000`,
      GIT_COMMITTER_DATE: `${clock} +0000`,
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
  }).trim()
}

function commit({ message, files = {} }) {
  for (const [path, text] of Object.entries(files))
    writeFileSync(join(work, path), text)
  git('add', '--all')
  git('commit', '--quiet', '--allow-empty', '-m', message)
}

function heading(text) {
  console.log(`\n${'═'.repeat(78)}\n  ${text}\n${'═'.repeat(78)}`)
}

function release(inputs) {
  const result = runStage('release', {
    inputs: { 'github-release': 'false', ...inputs },
    env: {
      GITHUB_WORKSPACE: work,
      GITHUB_REF_NAME: 'main',
      GITHUB_REPOSITORY: 'cortex/sample-service',
      GITHUB_SERVER_URL: 'https://github.com',
    },
  })
  console.log(readableLog(result.log))
  console.log('\n── step summary ──\n')
  console.log(result.summary)
  if (result.code !== 0)
    throw new Error(`the release stage failed (exit ${result.code})`)
  return result
}

try {
  heading('1. A sample service with a Conventional Commit history')
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', origin])
  execFileSync('git', ['clone', '--quiet', origin, work], { stdio: 'ignore' })
  cpSync(join(sample, 'files'), work, { recursive: true })
  commit({ message: 'feat(api): paginate the /servers endpoint' })
  git('tag', '-a', 'v1.2.0', '-m', 'v1.2.0')
  const history = JSON.parse(readFileSync(join(sample, 'history.json'), 'utf8'))
  for (const entry of history.commits) {
    if (!entry.branch) {
      commit(entry)
      continue
    }
    git('checkout', '--quiet', '-b', 'topic')
    for (const c of entry.branch) commit(c)
    git('checkout', '--quiet', 'main')
    git('merge', '--quiet', '--no-ff', '-m', entry.message, 'topic')
    git('branch', '--quiet', '-D', 'topic')
  }
  git('push', '--quiet', 'origin', 'main', '--tags')
  console.log(git('log', '--oneline', '--graph', '--decorate'))

  heading(
    '2. Dry run: the version, the notes and the file diffs; nothing written',
  )
  release({ 'dry-run': 'true' })

  heading('3. The release: commit, tag and push to the local bare remote')
  const real = release({})

  heading('4. What landed on the remote')
  console.log(
    execFileSync(
      'git',
      ['--git-dir', origin, 'log', '--oneline', '--decorate', '-3', 'main'],
      { encoding: 'utf8' },
    ),
  )
  console.log(
    `released ${real.outputs.tag} (${real.outputs.bump} bump from ${real.outputs['previous-tag']})`,
  )
} finally {
  rmSync(dir, { recursive: true, force: true })
}
