import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { ConfigError } from './config-error.js'
import { ContextError } from './context-error.js'
import { optionalInput } from './inputs.js'

/**
 * A path input that must stay inside the repository: relative, without
 * `..`; returned as a `/`-separated path without `./` parts.
 */
export function insidePath(input: string, path: string): string {
  const parts = path.split(/[\\/]/)
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || parts.includes('..')) {
    throw new ConfigError(
      input,
      path,
      'a relative path inside the repository, without ..',
    )
  }
  return parts.filter((p) => p !== '' && p !== '.').join('/')
}

/**
 * The `working-directory` input, relative to the workspace as on the
 * runner, or the workspace itself (the process's folder outside a runner).
 * It must exist.
 */
export function workingDirectoryInput(workspace: string | undefined): string {
  const base = workspace ?? process.cwd()
  const given = optionalInput('working-directory')
  const dir = given === undefined ? base : resolve(base, given)
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const expected = `a folder that exists (looked for ${dir})`
    throw given === undefined
      ? new ContextError('GITHUB_WORKSPACE', base, expected)
      : new ConfigError('working-directory', given, expected)
  }
  return dir
}
