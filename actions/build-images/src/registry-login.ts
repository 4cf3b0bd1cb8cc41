// `docker login` to each registry the run pushes to, once, the password on
// standard input only: never in the arguments, which `ps` and errors show.
// And `docker logout` from each afterwards, failure or not, so the token
// does not stay in ~/.docker/config.json on a self-hosted runner or a
// laptop (DOCKER_CONFIG is left alone: setup-buildx-action's builder lives
// there).
import type { BuildDeps } from './build-deps.js'
import type { RegistryLogin } from './settings.js'
import { CommandError } from '../../../lib/command/index.js'
import { errorMessage } from '../../../lib/runner/index.js'

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

/** The arguments after `docker` for one logout. */
export function logoutArgs(registry: string): string[] {
  return ['logout', registry]
}

/**
 * Logs in to every registry, adding each to `loggedIn` as it succeeds, so
 * that the caller can log out of those even when a later one is refused;
 * throws on the first refusal.
 */
export async function loginAll(
  registries: readonly string[],
  login: RegistryLogin,
  deps: Pick<BuildDeps, 'run' | 'logger'>,
  loggedIn: string[],
): Promise<void> {
  for (const registry of registries) {
    const args = loginArgs(registry, login.username)
    deps.logger.info(`logging in to ${registry} as ${login.username}`)
    const result = await deps.run('docker', args, { input: login.password })
    if (result.exitCode !== 0) {
      throw new CommandError('docker', args, result)
    }
    loggedIn.push(registry)
    deps.logger.info(result.stdout.trim() || 'logged in')
  }
}

/**
 * Logs out of each registry; never throws, since it runs after a failure
 * too and must not hide it: a logout that fails is a warning naming the
 * file the token may still be in.
 */
export async function logoutAll(
  registries: readonly string[],
  deps: Pick<BuildDeps, 'run' | 'logger'>,
): Promise<void> {
  for (const registry of registries) {
    const args = logoutArgs(registry)
    let why: string
    try {
      const result = await deps.run('docker', args)
      if (result.exitCode === 0) {
        deps.logger.info(result.stdout.trim() || `logged out of ${registry}`)
        continue
      }
      why = result.stderr.trim() || `exit ${result.exitCode}`
    } catch (error: unknown) {
      why = errorMessage(error)
    }
    deps.logger.warning(
      `docker logout ${registry} failed (${why}); the registry token may still be in the docker config (~/.docker/config.json, or DOCKER_CONFIG)`,
      'Logout failed',
    )
  }
}
