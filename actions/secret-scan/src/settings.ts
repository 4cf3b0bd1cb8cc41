// Every input of secret-scan, read once and checked.
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import {
  ConfigError,
  booleanInput,
  insidePath,
  integerInput,
  optionalInput,
  workingDirectoryInput,
} from '../../../lib/runner/index.js'

/** Every input of secret-scan, checked. */
export interface SecretScanSettings {
  /** The repository's working tree. */
  readonly workspace: string
  /** Off, new findings are warnings and the step succeeds. */
  readonly failOnFindings: boolean
  /** On a schedule or a manual run, read every commit, not the tree. */
  readonly history: boolean
  /** At most this many commits in history mode; all when undefined. */
  readonly historyDepth?: number
  readonly defaultBranch?: string
  /** Absolute; it may be absent unless the input named it. */
  readonly ignoreFile: string
  readonly ignoreFileRequired: boolean
  /** Absolute; absent means an empty baseline. */
  readonly baselineFile: string
  readonly writeBaseline: boolean
  /** Where the SARIF log goes, absolute. */
  readonly sarifFile: string
  readonly maxFileBytes: number
  /** Threads for a tree scan; 0 picks one a core for a large tree. */
  readonly threads: number
}

/** The runner's variables the settings depend on. */
export interface RunnerPaths {
  readonly workspace?: string
  /** RUNNER_TEMP, where the SARIF log goes unless told otherwise. */
  readonly runnerTemp?: string
}

/** The ignore file's name when the input is empty. */
export const DEFAULT_IGNORE_FILE = '.secret-scan-ignore'
/** The baseline's name when the input is empty. */
export const DEFAULT_BASELINE = '.secret-scan-baseline.json'

/** Reads and checks every input; throws ConfigError on the first bad one. */
export function readSettings(paths: RunnerPaths): SecretScanSettings {
  const workspace = workingDirectoryInput(paths.workspace)
  const ignoreInput = optionalInput('ignore-file')
  const ignoreFile = join(
    workspace,
    insidePath('ignore-file', ignoreInput ?? DEFAULT_IGNORE_FILE),
  )
  if (ignoreInput !== undefined && !existsSync(ignoreFile)) {
    throw new ConfigError(
      'ignore-file',
      ignoreInput,
      `a file in the repository (looked for ${ignoreFile})`,
    )
  }
  const baseline = insidePath(
    'baseline',
    optionalInput('baseline') ?? DEFAULT_BASELINE,
  )
  const sarif = optionalInput('sarif-file')
  const depth = integerInput('history-depth', 0, 0, 10_000_000)
  const defaultBranch = optionalInput('default-branch')
  return {
    workspace,
    failOnFindings: !booleanInput('warn-only', false),
    history: booleanInput('history', false),
    ...(depth > 0 ? { historyDepth: depth } : {}),
    ...(defaultBranch === undefined ? {} : { defaultBranch }),
    ignoreFile,
    ignoreFileRequired: ignoreInput !== undefined,
    baselineFile: join(workspace, baseline),
    writeBaseline: booleanInput('write-baseline', false),
    sarifFile:
      sarif === undefined
        ? join(paths.runnerTemp ?? tmpdir(), 'cortex-secret-scan.sarif')
        : isAbsolute(sarif)
          ? sarif
          : resolve(workspace, sarif),
    maxFileBytes: sizeInput('max-file-size', 5 * MIB),
    threads: threadsInput(),
  }
}

const MIB = 1024 * 1024
const UNITS: Record<string, number> = { '': 1, k: 1024, m: MIB, g: 1024 * MIB }

/** Bytes in `12345`, `500k`, `5M` or `1.5m` (1024-based); undefined if not a size. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim())
  if (match === null) return undefined
  const unit = UNITS[(match[2] ?? '').toLowerCase()] ?? 1
  return Math.round(Number(match[1]) * unit)
}

function sizeInput(name: string, fallback: number): number {
  const value = optionalInput(name)
  if (value === undefined) return fallback
  const bytes = parseSize(value)
  if (bytes === undefined || bytes < 1024 || bytes > 1024 * MIB) {
    throw new ConfigError(
      name,
      value,
      'a size from 1k to 1G: bytes, or with a unit (`500k`, `5M`)',
    )
  }
  return bytes
}

/** `auto` (0) or a number of threads from 1 to 16. */
function threadsInput(): number {
  const value = optionalInput('threads')
  if (value === undefined || value === 'auto') return 0
  if (/^\d+$/.test(value) && +value >= 1 && +value <= 16) return Number(value)
  throw new ConfigError('threads', value, '`auto` or a number from 1 to 16')
}
