// For the tests of the rollback core: a temp GitOps origin holding
// examples/platform (the good commit), a clone of it as the stage's
// checkout, and the Argo CD stand-in with three production applications of
// that platform at the good commit, on a fake clock.
import { cpSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach } from '@jest/globals'
import { ArgoCdClient } from '../../../lib/argocd/index.js'
import { Git } from '../../../lib/git/index.js'
import { FakeClock, resolvePolicy } from '../../../lib/retry/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import {
  startArgoCdApi,
  type AppSeed,
  type ArgoCdApi,
} from '../../../test/support/argocd-api.js'
import { createRepo, type GitRepo } from '../../../test/support/git-repo.js'
import { rollback, type RollbackResult } from '../src/rollback.js'
import type { RollbackSettings } from '../src/settings.js'

/** The production Applications of examples/platform/argocd/production, by path. */
export const PATHS = {
  'cortex-monitoring': 'apps/monitoring',
  'cortex-dashboard': 'apps/dashboard/overlays/production',
  'cortex-mcp-orch': 'apps/mcp-orch/production',
} as const

/** The dashboard's production overlay, where update-manifests moves the tag. */
export const DASHBOARD = `${PATHS['cortex-dashboard']}/kustomization.yaml`

/** What a test file gets: fresh for every test. */
export interface RollbackHarness {
  readonly clock: FakeClock
  readonly api: ArgoCdApi
  readonly logger: MemoryLogger
  readonly repo: GitRepo
  /** The commit holding examples/platform as it is: the good state. */
  readonly good: string
  /** The stage's Git, at its checkout. */
  readonly git: Git
  /**
   * Pushes a release of the dashboard from another clone, as update-manifests
   * would: its tag moved to `tag`. Returns the commit.
   */
  release(tag: string, more?: Record<string, string>): string
  /** Settings returning every application to `good`, with `overrides`. */
  settings(overrides?: Partial<RollbackSettings>): RollbackSettings
  /** Runs the core with the stage's Git, or `git` when given. */
  run(settings: RollbackSettings, git?: Git): Promise<RollbackResult>
  /** The requests the stand-in received, as "METHOD /app[/action]". */
  calls(): string[]
  /** A file of origin's main. */
  onOrigin(file: string, ref?: string): string
}

export const TOKEN = 'argocd-token-for-the-rollback-tests'
const IDENTITY = Git.identity('rollback-bot', 'rollback-bot@example.org')
const PLATFORM = fileURLToPath(
  new URL('../../../examples/platform', import.meta.url),
)

/** The three applications, at `revision`, reading `origin`. */
export function platformApps(origin: string, revision: string): AppSeed[] {
  return Object.entries(PATHS).map(([name, path], wave) => ({
    name,
    project: 'cortex',
    wave,
    revision,
    path,
    repoURL: origin,
  }))
}

/** Starts the repository and the stand-in before each test, and stops them. */
export function useRollbackHarness(): RollbackHarness {
  let clock = new FakeClock()
  let logger = new MemoryLogger()
  let api: ArgoCdApi | undefined
  let repo: GitRepo | undefined
  let good = ''
  const up = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the harness is not running')
    return value
  }
  beforeEach(async () => {
    clock = new FakeClock()
    logger = new MemoryLogger()
    repo = createRepo()
    cpSync(PLATFORM, repo.workDir, { recursive: true })
    repo.git('add', '--all')
    good = repo.commit('chore: the platform, from examples/platform')
    repo.push()
    api = await startArgoCdApi({
      token: TOKEN,
      apps: platformApps(repo.originDir, good),
      now: () => clock.now(),
    })
  })
  afterEach(async () => {
    await api?.close()
    repo?.cleanup()
  })
  const h: RollbackHarness = {
    get clock() {
      return clock
    },
    get api() {
      return up(api)
    },
    get logger() {
      return logger
    },
    get repo() {
      return up(repo)
    },
    get good() {
      return good
    },
    get git() {
      return new Git(up(repo).workDir, {}, IDENTITY)
    },
    release(tag, more = {}) {
      const other = up(repo).cloneOrigin()
      const text = other
        .readFile(DASHBOARD)
        .replace(/newTag: .*/, `newTag: ${tag}`)
      const sha = other.commit(`chore(deploy): set cortex-dashboard:${tag}`, {
        [DASHBOARD]: text,
        ...more,
      })
      other.push('HEAD:main')
      return sha
    },
    settings: (overrides = {}) => ({
      server: up(api).url,
      token: TOKEN,
      tls: {},
      backup: {
        version: 1,
        recordedAt: '2025-01-01T00:00:00.000Z',
        applications: Object.keys(PATHS).map((name) => ({
          name,
          revision: good,
          sync: 'Synced',
          health: 'Healthy',
          historyId: 0,
          automated: false,
        })),
      },
      applications: Object.keys(PATHS),
      mode: 'gitops',
      reason: 'verify-health: cortex-dashboard is Degraded',
      git: {
        workingDirectory: up(repo).workDir,
        branch: 'main',
        remote: 'origin',
        pushRetries: 3,
        userName: 'rollback-bot',
        userEmail: 'rollback-bot@example.org',
        paths: [],
      },
      prune: false,
      settleMs: 0,
      degradedGraceMs: 30_000,
      wait: { policy: resolvePolicy(), attemptTimeoutMs: 10_000 },
      dryRun: false,
      ...overrides,
    }),
    run: (s, git = h.git) => {
      const client = new ArgoCdClient({ server: s.server, token: s.token })
      return clock.run(rollback(s, { client, clock, logger, git }))
    },
    calls: () =>
      up(api).requests.map(
        (r) =>
          `${r.method} ${r.path.replace('/api/v1/applications', '') || '/'}`,
      ),
    onOrigin: (file, ref = 'main') =>
      up(repo).run(['show', `${ref}:${file}`], { cwd: up(repo).originDir }),
  }
  return h
}
