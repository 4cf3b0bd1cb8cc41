// Runs the built release bundle, `node dist/release/index.js`, as a child
// process with the environment an Actions runner gives a step, on a temp git
// repository and against the loopback GitHub API stand-in.
import { createHash } from 'node:crypto'
import type { GitRepo } from '../support/git-repo.js'
import { createRepo } from '../support/git-repo.js'
import type { GitHubApi, RecordedRequest } from '../support/github-api.js'
import { startGitHubApi } from '../support/github-api.js'
import {
  bundlePath,
  requireBundle as requireStageBundle,
  runBundle as runStageBundle,
} from '../support/run-bundle.js'
import type { BundleRun } from '../support/run-bundle.js'

export type { BundleRun } from '../support/run-bundle.js'

/** The bundle under test, resolved from the repository root. */
export const RELEASE_BUNDLE = bundlePath('release')

/** The token every end-to-end run uses; it must never show anywhere. */
export const E2E_TOKEN = 'ghs_e2eSecretToken1234567890'

/** The repository the runner says it runs for. */
export const E2E_REPOSITORY = 'org/svc'

/** Throws, naming the fix, when the bundle has not been built. */
export function requireBundle(): void {
  requireStageBundle('release')
}

/** Where and for what the step runs. */
export interface StepContext {
  /** The clone, for GITHUB_WORKSPACE and the working directory. */
  workspace: string
  /** The pushed branch, for GITHUB_REF_NAME. */
  branch: string
  /** The pushed commit, for GITHUB_SHA and the push event. */
  sha: string
  /** The stand-in: GITHUB_API_URL and GITHUB_SERVER_URL. */
  api: Pick<GitHubApi, 'url' | 'serverUrl'>
  /** Kills the bundle after this long; 25 s unless given. */
  timeoutMs?: number
}

/** Runs the bundle with these inputs, as a runner would for a push. */
export function runBundle(
  inputs: Record<string, string>,
  ctx: StepContext,
): Promise<BundleRun> {
  const [owner = '', name = ''] = E2E_REPOSITORY.split('/')
  return runStageBundle('release', {
    inputs,
    vars: {
      GITHUB_WORKSPACE: ctx.workspace,
      GITHUB_REF: `refs/heads/${ctx.branch}`,
      GITHUB_REF_NAME: ctx.branch,
      GITHUB_REF_TYPE: 'branch',
      GITHUB_SHA: ctx.sha,
      GITHUB_REPOSITORY: E2E_REPOSITORY,
      GITHUB_API_URL: ctx.api.url,
      GITHUB_SERVER_URL: ctx.api.serverUrl,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_ACTIONS: 'true',
    },
    event: {
      ref: `refs/heads/${ctx.branch}`,
      after: ctx.sha,
      head_commit: { id: ctx.sha },
      repository: { full_name: E2E_REPOSITORY, name, owner: { login: owner } },
    },
    cwd: ctx.workspace,
    ...(ctx.timeoutMs === undefined ? {} : { timeoutMs: ctx.timeoutMs }),
  })
}

/** A fresh temp repository and stand-in, and the step run against them. */
export interface ReleaseFixture {
  repo: GitRepo
  api: GitHubApi
  /** Runs the bundle on the clone's HEAD with the token and these inputs. */
  release(inputs?: Record<string, string>, branch?: string): Promise<BundleRun>
  /** The requests that write (anything but GET), from index `from` on. */
  writes(from?: number): RecordedRequest[]
  close(): Promise<void>
}

/**
 * Starts a repository (origin + clone) and a stand-in that wants the token.
 * Given a running stand-in, it is emptied and reused instead, so two
 * fixtures in turn see the same server URL and can be compared byte for byte.
 */
export async function startFixture(
  shared?: GitHubApi,
): Promise<ReleaseFixture> {
  const repo = createRepo()
  const api = shared ?? (await startGitHubApi({ token: E2E_TOKEN }))
  if (shared !== undefined) {
    shared.state.repos.clear()
    shared.requests.splice(0)
    shared.faults.clear()
  }
  return {
    repo,
    api,
    release: (inputs = {}, branch = 'main') =>
      runBundle(
        { token: E2E_TOKEN, ...inputs },
        { workspace: repo.workDir, branch, sha: repo.head(), api },
      ),
    writes: (from = 0) =>
      api.requests.slice(from).filter((r) => r.method !== 'GET'),
    close: async () => {
      if (shared === undefined) await api.close()
      repo.cleanup()
    },
  }
}

/**
 * The forms of the token (itself, base64 of it and of the `x-access-token:`
 * header) that show in anything the run printed or wrote: stdout, stderr,
 * outputs, summary. `::add-mask::` lines are left out: the runner consumes
 * them and never shows them.
 */
export function leakedToken(run: BundleRun, token = E2E_TOKEN): string[] {
  const visible = [run.stdout, run.stderr, run.outputText, run.summary]
    .join('\n')
    .split('\n')
    .filter((line) => !line.includes('::add-mask::'))
    .join('\n')
  return [
    token,
    Buffer.from(`x-access-token:${token}`).toString('base64'),
    Buffer.from(token).toString('base64'),
  ].filter((form) => visible.includes(form))
}

/** Throws with the run's log when the bundle did not exit 0. */
export function expectSuccess(run: BundleRun): void {
  if (run.exitCode === 0) return
  const how = `exit ${String(run.exitCode)} ${run.signal ?? ''}`
  throw new Error(
    `the release bundle failed (${how}):\n${run.stdout}\n${run.stderr}`,
  )
}

/** Inputs that attach two built tarballs and the `npm pack` tarball. */
export const ARTIFACT_INPUTS: Readonly<Record<string, string>> = {
  artifacts: 'dist/*.tar.gz',
  'npm-pack': 'true',
}

/**
 * A scripted service (CASES.md C66, C68): `@scope/pkg` released as v1.4.0,
 * then a feat and a fix pushed, and two tarballs built under the ignored
 * dist/. Returns the pushed commit, the one the next release starts from.
 */
export function seedService(repo: GitRepo): string {
  repo.commit('chore: init', {
    'package.json': '{\n  "name": "@scope/pkg",\n  "version": "1.4.0"\n}\n',
    'package-lock.json':
      '{\n  "name": "@scope/pkg",\n  "version": "1.4.0",\n  "lockfileVersion": 3,\n' +
      '  "packages": {\n    "": {\n      "name": "@scope/pkg",\n      "version": "1.4.0"\n    }\n  }\n}\n',
    'CHANGELOG.md': '# Changelog\n\n## 1.4.0 (2025-12-01)\n\n* older work\n',
    'index.js': 'export const answer = 42\n',
    '.gitignore': 'dist/\n',
  })
  repo.tag('v1.4.0', { annotated: true })
  repo.commit('feat(api): add pagination')
  const head = repo.commit('fix: handle empty pages')
  repo.push()
  repo.writeFile('dist/app-linux-amd64.tar.gz', 'linux build\n')
  repo.writeFile('dist/app-darwin-arm64.tar.gz', 'darwin build\n')
  return head
}

/**
 * Puts the clone back at the triggering commit with the release tag gone,
 * as a fresh checkout for a re-run of the same push would be.
 */
export function freshCheckout(repo: GitRepo, sha: string, tag: string): void {
  repo.git('reset', '--quiet', '--hard', sha)
  repo.git('tag', '--delete', tag)
}

/** What a release left on origin and GitHub, comparable across runs. */
export interface ReleaseState {
  /** Origin's refs, each as the subject of the commit it resolves to. */
  refs: Record<string, string>
  /** Subjects of origin's main, newest first. */
  history: string[]
  /** How many CHANGELOG.md sections on origin's main are for the version. */
  changelogSections: number
  /** How many GitHub releases the tag has. */
  releases: number
  /** The tag's release assets in upload order: name → SHA-256. */
  assets: [string, string][]
}

/** Reads the state of the release `tag` of `version`. */
export function releaseState(
  fx: ReleaseFixture,
  tag: string,
  version: string,
): ReleaseState {
  const origin = (...args: string[]): string =>
    fx.repo.run(args, { cwd: fx.repo.originDir })
  const refs: Record<string, string> = {}
  for (const [ref, { commit }] of Object.entries(fx.repo.originRefs())) {
    refs[ref] = origin('log', '-1', '--format=%s', commit)
  }
  const changelog = origin('show', 'main:CHANGELOG.md')
  const heading = new RegExp(
    `^##? \\[?v?${version.replace(/\./g, '\\.')}\\b`,
    'gm',
  )
  const releases = [
    ...fx.api.state.repo(E2E_REPOSITORY).releases.values(),
  ].filter((r) => r.tag_name === tag)
  return {
    refs,
    history: origin('log', '--format=%s', 'main').split('\n'),
    changelogSections: changelog.match(heading)?.length ?? 0,
    releases: releases.length,
    assets: (releases[0]?.assets ?? []).map((a) => [
      a.name,
      createHash('sha256').update(a.data).digest('hex'),
    ]),
  }
}
