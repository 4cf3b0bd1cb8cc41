// What the HTTP check tests share: targets over the stage-wide defaults,
// and scripted servers and certificates that live as long as a test file.
import { afterAll, beforeAll } from '@jest/globals'
import {
  runChecks,
  type CheckReport,
  type HealthCheck,
} from '../../../lib/health/index.js'
import type { BackoffPolicy, FakeClock } from '../../../lib/retry/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import {
  startScriptedServer,
  type ScriptedServer,
  type ScriptedServerOptions,
} from '../../../test/support/scripted-server.js'
import { makeTlsCerts, type TlsCerts } from '../../../test/support/tls-certs.js'
import { anySuccess } from '../src/http-expect.js'
import {
  parseHttpTargets,
  type HttpDefaults,
  type HttpTarget,
} from '../src/http-target.js'

/** The defaults every stage-wide input left empty gives. */
export const defaults: HttpDefaults = {
  method: 'GET',
  expectStatus: anySuccess,
  followRedirects: false,
  headers: {},
  tls: {},
}

/** The target `url` reads as over the defaults, then `over`. */
export function target(
  url: string,
  over: Partial<HttpTarget> = {},
): HttpTarget {
  const [parsed] = parseHttpTargets(url, defaults)
  if (parsed === undefined) throw new Error(`no target in ${url}`)
  return { ...parsed, ...over }
}

/** Servers and certificates for this test file, all gone after it. */
export interface TestServers {
  serve: (options: ScriptedServerOptions) => Promise<ScriptedServer>
  /** Made once, before the first test. */
  certs: () => TlsCerts
}

/** Registers the hooks that make certificates and close servers. */
export function useServers(): TestServers {
  let certs: TlsCerts | undefined
  const servers: ScriptedServer[] = []
  beforeAll(async () => {
    certs = await makeTlsCerts()
  })
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()))
    await certs?.remove()
  })
  return {
    serve: async (options) => {
      const server = await startScriptedServer(options)
      servers.push(server)
      return server
    },
    certs: () => {
      if (certs === undefined) throw new Error('certificates not made yet')
      return certs
    },
  }
}

/**
 * Waits on `checks` with the default policy over `policy`, driving the
 * fake clock; an attempt gets `ioGraceMs` of real time before its timeout.
 */
export async function wait(
  checks: HealthCheck[],
  clock: FakeClock,
  policy: Partial<BackoffPolicy> = {},
  ioGraceMs = 2_000,
): Promise<{ reports: CheckReport[]; log: string[] }> {
  const logger = new MemoryLogger()
  const waiting = runChecks(checks, { logger, clock, policy })
  const reports = await clock.run(waiting, { ioGraceMs })
  return { reports, log: logger.at('info') }
}
