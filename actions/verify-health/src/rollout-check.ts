// A rollout as a health check: each attempt reads the workload with
// `kubectl get -o json` and asks rolloutStatus whether it is done.
import {
  CommandError,
  runCommand,
  type CommandOptions,
  type CommandResult,
} from '../../../lib/command/index.js'
import type { HealthCheck } from '../../../lib/health/index.js'
import {
  done,
  failFast,
  retryWith,
  type AttemptOutcome,
} from '../../../lib/retry/index.js'
import { rolloutStatus } from './rollout-status.js'
import { rolloutName, type RolloutTarget } from './rollout-target.js'

/**
 * Runs kubectl. Every CommandRunner fits; the attempt's signal is handed
 * on so a runner that supports it stops a kubectl that hangs.
 */
export type KubectlRunner = (
  command: string,
  args: readonly string[],
  options?: CommandOptions & { signal?: AbortSignal },
) => Promise<CommandResult>

/** What a rollout check runs kubectl with. */
export interface RolloutCheckOptions {
  /** runCommand by default. */
  run?: KubectlRunner
  /** The kubectl executable: `kubectl` on PATH by default. */
  kubectl?: string
  /** The kubeconfig context; kubectl's current one when absent. */
  context?: string
}

/** A health check that is healthy once the workload's rollout is done. */
export function rolloutCheck(
  target: RolloutTarget,
  options: RolloutCheckOptions = {},
): HealthCheck {
  const run = options.run ?? runCommand
  const kubectl = options.kubectl ?? 'kubectl'
  const args = [
    'get',
    `${target.kind}/${target.name}`,
    '-o',
    'json',
    ...(target.namespace === undefined ? [] : ['-n', target.namespace]),
    ...(options.context === undefined ? [] : ['--context', options.context]),
  ]
  return {
    kind: 'rollout',
    name: rolloutName(target),
    async attempt(_n, signal) {
      let result: CommandResult
      try {
        result = await run(kubectl, args, { signal })
      } catch (error: unknown) {
        if (signal.aborted || !(error instanceof CommandError)) throw error
        return error.result === undefined && /not on PATH/.test(error.message)
          ? failFast(
              `${kubectl} not found${kubectl.includes('/') ? '' : ' on PATH'}`,
            )
          : failFast(error.message)
      }
      if (result.exitCode !== 0) return kubectlFailure(result)
      let object: unknown
      try {
        object = JSON.parse(result.stdout)
      } catch {
        return failFast(`kubectl printed no JSON: ${clip(result.stdout)}`)
      }
      const { state, status } = rolloutStatus(object)
      if (state === 'done') return done('', status)
      if (state === 'failed') return failFast(status)
      return retryWith(status)
    },
  }
}

// kubectl exits 1 for every error; its last line says which. Waiting
// fixes a missing object (not created yet) or an API server that is
// down, never a refused identity or an unknown context.
function kubectlFailure(result: CommandResult): AttemptOutcome<string> {
  const message = lastError(result)
  if (/\(NotFound\)/.test(result.stderr)) return retryWith('not found')
  if (/\((Forbidden|Unauthorized)\)/.test(result.stderr)) {
    return failFast(message)
  }
  if (/^error: context ".*" does not exist/m.test(result.stderr)) {
    return failFast(message)
  }
  return retryWith(message)
}

// klog lines ("E0104 10:00:00.123 memcache.go:265] …") and API warnings
// come before the error kubectl ends on.
const NOISE = /^([IWEF]\d{4} |Warning: |\(ended by )/

function lastError(result: CommandResult): string {
  const lines = result.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  const said = lines.filter((line) => !NOISE.test(line)).at(-1) ?? lines.at(-1)
  return said === undefined
    ? `kubectl exited with ${result.exitCode}`
    : clip(said)
}

function clip(text: string): string {
  const line = text.trim().replace(/\s+/g, ' ')
  if (line === '') return '(nothing)'
  return line.length > 300 ? `${line.slice(0, 297)}...` : line
}
