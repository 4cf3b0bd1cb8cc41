// For the tests of the deploy core: the Argo CD stand-in seeded with the
// Cortex applications (monitoring wave 0, dashboard 1, mcp-n8n-workflow 2,
// and the automated guestbook), settings to deploy them, and a run of the
// core on a fake clock, so every back-off is exact and instant.
import { afterEach, beforeEach } from '@jest/globals'
import { ArgoCdClient } from '../../../lib/argocd/index.js'
import { FakeClock, resolvePolicy } from '../../../lib/retry/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import {
  startArgoCdApi,
  type ArgoCdApi,
} from '../../../test/support/argocd-api.js'
import {
  cortexApps,
  NEW,
} from '../../../test/support/argocd-api/test-client.js'
import { deploy, type DeployResult } from '../src/deploy.js'
import type { DeploySettings } from '../src/settings.js'

/** What a test file gets: fresh for every test. */
export interface DeployHarness {
  readonly clock: FakeClock
  readonly api: ArgoCdApi
  readonly logger: MemoryLogger
  /** Deploys the project cortex at NEW, with `overrides`. */
  settings(overrides?: Partial<DeploySettings>): DeploySettings
  run(settings: DeploySettings): Promise<DeployResult>
  /** The requests the stand-in received, as "METHOD /app[/action]". */
  calls(): string[]
}

const TOKEN = 'argocd-token-for-the-deploy-tests'

/** Starts a stand-in before each test of the file and stops it after. */
export function useDeployHarness(): DeployHarness {
  let clock = new FakeClock()
  let api: ArgoCdApi | undefined
  let logger = new MemoryLogger()
  const running = (): ArgoCdApi => {
    if (api === undefined) throw new Error('the stand-in is not running')
    return api
  }
  beforeEach(async () => {
    clock = new FakeClock()
    logger = new MemoryLogger()
    api = await startArgoCdApi({
      token: TOKEN,
      apps: cortexApps,
      now: () => clock.now(),
    })
  })
  afterEach(async () => {
    await api?.close()
  })
  return {
    get clock() {
      return clock
    },
    get api() {
      return running()
    },
    get logger() {
      return logger
    },
    settings: (overrides = {}) => ({
      server: running().url,
      token: TOKEN,
      tls: {},
      selection: { kind: 'project', project: 'cortex' },
      revision: NEW,
      prune: false,
      settleMs: 0,
      degradedGraceMs: 30_000,
      wait: { policy: resolvePolicy(), attemptTimeoutMs: 10_000 },
      dryRun: false,
      // The core hands the backup to main.ts, which writes it.
      backupFile: 'unused-by-the-core.json',
      ...overrides,
    }),
    run: (s) => {
      const client = new ArgoCdClient({ server: s.server, token: s.token })
      return clock.run(deploy(s, { client, clock, logger }))
    },
    calls: () =>
      running().requests.map(
        (r) =>
          `${r.method} ${r.path.replace('/api/v1/applications', '') || '/'}`,
      ),
  }
}
