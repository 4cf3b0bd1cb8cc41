// Running `npm audit` through the injected command runner. npm exits 1
// both when it finds vulnerabilities and when it fails, and prints JSON
// either way, so the report's text is returned and read by npmFindings.
import type { CommandRunner } from '../../../lib/command/index.js'
import { CommandError } from '../../../lib/command/index.js'

/**
 * npm's arguments: the lock alone is audited (`--package-lock-only`), the
 * tree the paths are drawn from, whether node_modules exists or not.
 */
export function npmAuditArgs(includeDev: boolean): string[] {
  return [
    'audit',
    '--json',
    '--package-lock-only',
    ...(includeDev ? [] : ['--omit=dev']),
  ]
}

/** Runs npm audit in `dir` and returns the JSON it printed. */
export async function runNpmAudit(
  runner: CommandRunner,
  dir: string,
  includeDev: boolean,
): Promise<string> {
  const args = npmAuditArgs(includeDev)
  const result = await runner('npm', args, { cwd: dir, timeoutMs: 300_000 })
  if (result.stdout.trim() === '') {
    throw new CommandError('npm', args, result, 'printed no report')
  }
  return result.stdout
}
