// For the tests of appCheck only: the Argo CD stand-in seeded with the
// Cortex applications, a client of it, and a wait on one application as
// verify-health and deploy run it, on a fake clock.
import { afterEach, beforeEach } from '@jest/globals'
import {
  startArgoCdApi,
  type ArgoCdApi,
  type Frame,
} from '../../test/support/argocd-api.js'
import { cortexApps, NEW } from '../../test/support/argocd-api/test-client.js'
import { runChecks, type CheckReport } from '../health/index.js'
import { FakeClock, type BackoffPolicy } from '../retry/index.js'
import { MemoryLogger } from '../runner/index.js'
import {
  appCheck,
  type ApplicationReader,
  type AppCheckOptions,
} from './app-check.js'
import { ArgoCdClient } from './client.js'

/** How one wait ended. */
export interface Waited {
  report: CheckReport
  /** The attempt lines, without the check's name. */
  lines: string[]
}

/** What a test file gets: fresh for every test. */
export interface CheckHarness {
  readonly clock: FakeClock
  readonly api: ArgoCdApi
  readonly client: ArgoCdClient
  /** Waits on one application; 8 attempts of the default back-off. */
  wait(
    options: Omit<AppCheckOptions, 'clock'>,
    policy?: Partial<BackoffPolicy>,
    reader?: ApplicationReader,
  ): Promise<Waited>
  /** Syncs `name` to NEW, after which it plays `frames`. */
  syncWith(name: string, frames: Frame[]): Promise<void>
}

/** The token the stand-in accepts in these tests. */
export const HARNESS_TOKEN = 'argocd-token-for-the-wait-tests'

/** Starts a stand-in before each test of the file and stops it after. */
export function useCheckHarness(): CheckHarness {
  let clock = new FakeClock()
  let api: ArgoCdApi | undefined
  let client: ArgoCdClient | undefined
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the stand-in is not running')
    return value
  }
  beforeEach(async () => {
    clock = new FakeClock()
    api = await startArgoCdApi({
      token: HARNESS_TOKEN,
      apps: cortexApps,
      now: () => clock.now(),
    })
    client = new ArgoCdClient({ server: api.url, token: HARNESS_TOKEN })
  })
  afterEach(async () => {
    await api?.close()
  })
  return {
    get clock() {
      return clock
    },
    get api() {
      return started(api)
    },
    get client() {
      return started(client)
    },
    async wait(options, policy = { attempts: 8 }, reader) {
      const logger = new MemoryLogger()
      const check = appCheck(reader ?? started(client), { ...options, clock })
      const [report] = await clock.run(
        runChecks([check], {
          logger,
          clock,
          policy,
          attemptTimeoutMs: 10_000,
        }),
        // A hung request is given this much real time before it times out.
        { ioGraceMs: 250 },
      )
      if (!report) throw new Error('no report')
      const prefix = `${check.name}: `
      return {
        report,
        lines: logger.at('info').map((l) => l.replace(prefix, '')),
      }
    },
    async syncWith(name, frames) {
      started(api).state.app(name).afterSync = frames
      await started(client).sync(name, { revision: NEW })
    },
  }
}
