// The build-images core with a scripted docker and cosign in memory and a
// stub git, for build-images*.test.ts.
import { afterEach, beforeEach } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { BuildDeps } from '../src/build-deps.js'
import { buildImages, emptyResult } from '../src/build-images.js'
import type { BuildResult } from '../src/build-images.js'
import type { BuildSettings } from '../src/settings.js'
import type {
  CommandOptions,
  CommandResult,
} from '../../../lib/command/index.js'
import { MemoryLogger } from '../../../lib/runner/index.js'

/** The commit built: C27's `7f3a6ce1d2…`. */
export const SHA = '7f3a6ce1d2' + '0'.repeat(30)
/** The digest every scripted build reports. */
export const DIGEST = `sha256:${'d'.repeat(64)}`

/** One command the core ran. */
export interface Call {
  command: string
  args: readonly string[]
  options: CommandOptions
}

/** A scripted answer to a call; undefined leaves the default one. */
export type Answer = (call: Call) => Partial<CommandResult> | undefined

let tempDir = ''

/** A fresh working directory for each test of the file that calls this. */
export function useTempDir(): void {
  beforeEach(() => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-core-'))
  })
  afterEach(() => fs.rmSync(tempDir, { recursive: true, force: true }))
}

/** The current test's working directory. */
export function workDir(): string {
  return tempDir
}

/** A docker that builds, pushes and answers inspect; `answer` may differ. */
export function tools(answer: Answer = () => undefined) {
  const calls: Call[] = []
  const run = (
    command: string,
    args: readonly string[],
    options: CommandOptions = {},
  ): Promise<CommandResult> => {
    const call = { command, args, options }
    calls.push(call)
    const given = answer(call)
    if (given !== undefined) {
      return Promise.resolve({ exitCode: 0, stdout: '', stderr: '', ...given })
    }
    if (args[1] === 'build') {
      const file = args[args.indexOf('--metadata-file') + 1] ?? ''
      fs.writeFileSync(
        file,
        JSON.stringify({ 'containerimage.digest': DIGEST }),
      )
      options.onLine?.('#1 DONE 0.1s', 'stderr')
    }
    const stdout =
      args[1] === 'imagetools'
        ? JSON.stringify({
            manifests: [
              { platform: { os: 'linux', architecture: 'amd64' } },
              { platform: { os: 'unknown', architecture: 'unknown' } },
            ],
          })
        : ''
    return Promise.resolve({ exitCode: 0, stdout, stderr: '' })
  }
  return { calls, run }
}

/** Settings of one pushed image on a push to main, with overrides. */
export function settings(
  overrides: Partial<BuildSettings> = {},
): BuildSettings {
  return {
    workingDirectory: tempDir,
    images: [
      {
        name: 'ghcr.io/org/app',
        context: '.',
        dockerfile: 'Dockerfile',
        platforms: ['linux/amd64'],
        buildArgs: {},
      },
    ],
    push: true,
    cache: true,
    provenance: true,
    sbom: false,
    sign: false,
    dryRun: false,
    shortShaLength: 7,
    rawVersionTag: false,
    prShaSource: 'head',
    labels: {},
    pushRetries: 2,
    trigger: { event: 'push', ref: 'refs/heads/main', sha: SHA },
    ...overrides,
  }
}

/** A git whose commands answer as given: null fails, unset is empty. */
export function stubGit(
  answers: Record<string, string | null> = {},
): BuildDeps['git'] {
  return {
    run: (args) => {
      const out = answers[args.join(' ')]
      const inside =
        args[0] === 'rev-parse' && args[1] === '--is-inside-work-tree'
      const stdout = out ?? (inside ? 'true' : '')
      return Promise.resolve({
        stdout,
        stderr: '',
        exitCode: out === null || (out === undefined && !inside) ? 1 : 0,
      })
    },
  }
}

/** Runs the core; returns its result, log and the pauses it took. */
export async function runCore(
  s: BuildSettings,
  run: BuildDeps['run'],
  git: BuildDeps['git'] = stubGit(),
): Promise<{ result: BuildResult; logger: MemoryLogger; pauses: number[] }> {
  const logger = new MemoryLogger()
  const pauses: number[] = []
  const result = emptyResult(s)
  await buildImages(
    s,
    {
      run,
      git,
      logger,
      now: () => new Date('2026-03-01T12:00:00Z'),
      sleep: (ms) => {
        pauses.push(ms)
        return Promise.resolve()
      },
      tempDir,
    },
    result,
  )
  return { result, logger, pauses }
}
