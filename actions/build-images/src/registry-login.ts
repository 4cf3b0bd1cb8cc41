// `docker login` to each registry the run pushes to, once, the password on
// standard input only: never in the arguments, which `ps` and errors show.
import type { BuildDeps } from './build-deps.js'
import type { RegistryLogin } from './settings.js'
import { CommandError } from '../../../lib/command/index.js'

/** The distinct registries of the images, in order of first use. */
export function distinctRegistries(
  plans: readonly { readonly registry: string }[],
): string[] {
  return [...new Set(plans.map((plan) => plan.registry))]
}

/** The arguments after `docker` for one login; the password goes on stdin. */
export function loginArgs(registry: string, username: string): string[] {
  return ['login', registry, '--username', username, '--password-stdin']
}

/** Logs in to every registry; throws on the first refusal. */
export async function loginAll(
  registries: readonly string[],
  login: RegistryLogin,
  deps: Pick<BuildDeps, 'run' | 'logger'>,
): Promise<void> {
  for (const registry of registries) {
    const args = loginArgs(registry, login.username)
    deps.logger.info(`logging in to ${registry} as ${login.username}`)
    const result = await deps.run('docker', args, { input: login.password })
    if (result.exitCode !== 0) {
      throw new CommandError('docker', args, result)
    }
    deps.logger.info(result.stdout.trim() || 'logged in')
  }
}
