// The demo: replays the sample service's Conventional Commit history into a
// temporary repository with a local bare remote, checks a pull request on
// a feature branch (lint from git, coverage, pr-summary as a dry run
// against loopback GitHub API reads), then runs the bundled release stage
// on main, first as a dry run, then for real with the GitHub
// release switched off (commit, tag and push to the local remote). Then the
// CD stages on the Cortex platform: build-images as a dry run for the
// release, and update-manifests bumping every MCP server in a clone of
// examples/platform, pushed to its own local bare remote. Then
// verify-health against five loopback stand-ins for the MCP servers (one
// slow to become ready, one answering 503 twice first) with a shortened
// back-off, and notify posting the outcome to a loopback webhook.
//
//   npm run demo
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import {
  cpSync,
  mkdirSync,
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

/** Runs a bundled stage, prints its log and summary, fails on failure. */
function stage(name, inputs, env, event) {
  const result = runStage(name, { inputs, env, event })
  console.log(readableLog(result.log))
  console.log('\n── step summary ──\n')
  console.log(result.summary)
  if (result.code !== 0)
    throw new Error(`the ${name} stage failed (exit ${result.code})`)
  return result
}

function release(inputs) {
  return stage(
    'release',
    { 'github-release': 'false', ...inputs },
    {
      GITHUB_WORKSPACE: work,
      GITHUB_REF_NAME: 'main',
      GITHUB_REPOSITORY: 'cortex/sample-service',
      GITHUB_SERVER_URL: 'https://github.com',
    },
  )
}

const MCP_SERVERS = [
  'mcp-k8s-orchestrator',
  'mcp-n8n-workflow',
  'mcp-talos-node',
  'mcp-s3-storage',
  'mcp-postgres-data',
]

/** A clone of examples/platform with a local bare remote, as a GitOps repo. */
function gitopsClone() {
  const remote = join(dir, 'cortex-gitops.git')
  const clone = join(dir, 'cortex-gitops')
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', remote])
  execFileSync('git', ['clone', '--quiet', remote, clone], { stdio: 'ignore' })
  cpSync(join(root, 'examples', 'platform'), clone, { recursive: true })
  const run = (...args) =>
    execFileSync('git', args, {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' },
    })
  run('add', '--all')
  run(
    '-c',
    'user.name=Demo Ops',
    '-c',
    'user.email=ops@cortex.invalid',
    'commit',
    '--quiet',
    '-m',
    'chore: the Cortex platform',
  )
  run('push', '--quiet', 'origin', 'main')
  return { remote, clone }
}

function updateManifests(clone, version) {
  const images = MCP_SERVERS.map((n) => `ghcr.io/example-org/${n}:${version}`)
  const targets = MCP_SERVERS.map((n) =>
    [
      '- file: argocd/staging/mcp-servers.yaml',
      `  match: { name: ${n} }`,
      '  field: imageTag',
      `  image: ghcr.io/example-org/${n}`,
    ].join('\n'),
  )
  return stage(
    'update-manifests',
    {
      images: images.join('\n'),
      files: 'argocd/staging/mcp-servers.yaml',
      targets: targets.join('\n'),
    },
    { GITHUB_WORKSPACE: clone },
  )
}
let servicesProcess

/** Starts scripts/demo-services.js and reads the URLs it listens on. */
async function startServices(pullFile) {
  servicesProcess = spawn(
    process.execPath,
    [join(root, 'scripts', 'demo-services.js'), pullFile],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const lines = createInterface({ input: servicesProcess.stdout })
  const [line] = await once(lines, 'line')
  return JSON.parse(line)
}

/**
 * A feature branch with one commit, checked as a pull request: lint on
 * the laptop (from git), coverage of a small lcov report, and pr-summary
 * as a dry run against loopback stand-ins of the GitHub API reads it makes.
 * Starts the demo's loopback services and returns their URLs.
 */
async function pullRequestChecks() {
  git('checkout', '--quiet', '-b', 'feat/servers-pagination')
  commit({
    message: 'feat(api): page through the servers list',
    files: {
      'src/pages.js': [
        'export function page(items, n, size) {',
        "  console.log('paging', n)",
        '  return items.slice(n * size, (n + 1) * size)',
        '}',
        '',
      ].join('\n'),
    },
  })
  const title = 'feat(api): page through the servers list'
  const body = 'Adds `page()` so GET /servers can answer a page at a time.'
  const lint = stage(
    'lint',
    {
      title,
      description: body,
      'base-ref': 'main',
      'branch-pattern': '^(feat|fix|chore|docs)/[a-z0-9._-]+$',
      'fail-on': 'never',
    },
    { GITHUB_WORKSPACE: work },
  )
  mkdirSync(join(work, 'coverage'), { recursive: true })
  writeFileSync(
    join(work, 'coverage', 'lcov.info'),
    ['SF:src/pages.js', 'DA:1,4', 'DA:2,4', 'DA:3,4', 'end_of_record', ''].join(
      '\n',
    ),
  )
  const coverage = stage(
    'coverage',
    { 'diff-base': 'main', baseline: 'off', 'min-lines': '80' },
    { GITHUB_WORKSPACE: work },
  )
  const headSha = git('rev-parse', 'HEAD')
  const repo = { full_name: 'example-org/sample-service' }
  const pull = {
    number: 7,
    title,
    body,
    state: 'open',
    user: { login: 'demo-dev' },
    labels: [],
    head: { ref: 'feat/servers-pagination', sha: headSha, repo },
    base: { ref: 'main', sha: git('rev-parse', 'main'), repo },
  }
  const files = git('diff', '--numstat', 'main...HEAD')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [additions, deletions, filename] = line.split('\t')
      return {
        filename,
        status: 'added',
        additions: Number(additions),
        deletions: Number(deletions),
        changes: Number(additions) + Number(deletions),
      }
    })
  const pullFile = join(dir, 'pull.json')
  writeFileSync(pullFile, JSON.stringify({ pull, files }))
  const services = await startServices(pullFile)
  stage(
    'pr-summary',
    {
      token: 'demo-token',
      'dry-run': 'true',
      'api-retries': '0',
      components: 'api: ["src/**"]\ndocs: ["**/*.md"]',
      coverage: coverage.outputs.markdown,
      findings: lint.outputs.findings,
      checks: JSON.stringify({
        lint: lint.outputs.passed === 'true' ? 'success' : 'failure',
        coverage: coverage.outputs.passed === 'true' ? 'success' : 'failure',
      }),
    },
    {
      GITHUB_WORKSPACE: work,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: repo.full_name,
      GITHUB_API_URL: services.github,
    },
    { action: 'opened', number: 7, pull_request: pull, repository: repo },
  )
  git('checkout', '--quiet', 'main')
  return services
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

  heading('2. A pull request: lint, coverage and pr-summary (dry run)')
  const services = await pullRequestChecks()

  heading(
    '3. Dry run: the version, the notes and the file diffs; nothing written',
  )
  release({ 'dry-run': 'true' })

  heading('4. The release: commit, tag and push to the local bare remote')
  const real = release({})

  heading('5. What landed on the remote')
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
  const version = real.outputs.version

  heading(
    `6. build-images, dry run: the tags and commands for ${real.outputs.tag}`,
  )
  const build = stage(
    'build-images',
    {
      image: 'ghcr.io/example-org/sample-service',
      platforms: 'linux/amd64,linux/arm64',
      sign: 'true',
      'dry-run': 'true',
      description: 'A sample service released by cortex-actions',
      licenses: 'MIT',
    },
    {
      GITHUB_WORKSPACE: work,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: `refs/tags/${real.outputs.tag}`,
      GITHUB_SHA: real.outputs['commit-sha'],
      GITHUB_REPOSITORY: 'example-org/sample-service',
      GITHUB_SERVER_URL: 'https://github.com',
    },
  )
  console.log(`short-sha for update-manifests: ${build.outputs['short-sha']}`)

  heading(
    `7. update-manifests: every MCP server to ${version} in staging, pushed`,
  )
  const { remote, clone } = gitopsClone()
  updateManifests(clone, version)

  heading('8. The same update again: already up to date, no commit')
  updateManifests(clone, version)

  heading('9. What landed on the GitOps remote')
  console.log(
    execFileSync(
      'git',
      ['--git-dir', remote, 'log', '--format=%h %s%n%b', '-2', 'main'],
      { encoding: 'utf8' },
    ),
  )

  heading(
    '10. verify-health: the five MCP servers, back-off shortened to 0.5 s',
  )
  const health = stage('verify-health', {
    'http-targets': Object.entries(services.services)
      .map(([name, url]) => `- {name: ${name}, url: "${url}/health"}`)
      .join('\n'),
    'expect-body': '"status":"ok"',
    attempts: '6',
    'backoff-base': '500ms',
    'backoff-max': '4s',
    'attempt-timeout': '2s',
  })

  heading('11. notify: the outcome to a loopback webhook')
  stage(
    'notify',
    {
      'webhook-url': services.webhook,
      kind: 'json',
      status: health.outputs.healthy === 'true' ? 'success' : 'failure',
      version,
      text: 'Staging rollout of the MCP servers verified',
    },
    {
      GITHUB_REPOSITORY: 'example-org/sample-service',
      GITHUB_REF_NAME: 'main',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '1',
    },
  )
} finally {
  servicesProcess?.kill()
  rmSync(dir, { recursive: true, force: true })
}
