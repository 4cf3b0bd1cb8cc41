// `docker login` to the one registry registry-password is for, the
// password on standard input only: never in the arguments, which `ps` and
// errors show. Images on other registries are pushed with the credentials
// docker already holds (docker/login-action's): one password is never sent
// to every host an image happens to live on. And `docker logout` afterwards,
// failure or not, so the token does not stay in ~/.docker/config.json on a
// self-hosted runner or a laptop (DOCKER_CONFIG is left alone:
// setup-buildx-action's builder lives there).
import type { BuildDeps } from './build-deps.js'
import type { RegistryLogin } from './login-settings.js'
import { CommandError } from '../../../lib/command/index.js'
import { DOCKER_HUB, parseImageRef } from '../../../lib/image-ref/index.js'
import { errorMessage } from '../../../lib/runner/index.js'

/** The registry host an image name goes to, Docker Hub when it names none. */
export function registryOf(image: string): string {
  return (parseImageRef(image).registry ?? DOCKER_HUB).toLowerCase()
}

/** Whether two registry hosts are one: `index.docker.io` is Docker Hub. */
export function sameRegistry(a: string, b: string): boolean {
  const key = (host: string): string => {
    const lower = host.toLowerCase()
    return lower === 'index.docker.io' ? DOCKER_HUB : lower
  }
  return key(a) === key(b)
}

/** The images the login does not cover, pushed with docker's own login. */
export function imagesOutside(
  plans: readonly {
    readonly registry: string
    readonly spec: { name: string }
  }[],
  registry: string,
): string[] {
  return plans
    .filter((plan) => !sameRegistry(plan.registry, registry))
    .map((plan) => plan.spec.name)
}

/** The arguments after `docker` for the login; the password goes on stdin. */
export function loginArgs(login: Omit<RegistryLogin, 'password'>): string[] {
  return [
    'login',
    login.registry,
    '--username',
    login.username,
    '--password-stdin',
  ]
}

/** The arguments after `docker` for the logout. */
export function logoutArgs(registry: string): string[] {
  return ['logout', registry]
}

/** Logs in to the login's registry; throws when docker refuses. */
export async function logIn(
  login: RegistryLogin,
  deps: Pick<BuildDeps, 'run' | 'logger'>,
): Promise<void> {
  const args = loginArgs(login)
  deps.logger.info(`logging in to ${login.registry} as ${login.username}`)
  const result = await deps.run('docker', args, { input: login.password })
  if (result.exitCode !== 0) throw new CommandError('docker', args, result)
  deps.logger.info(result.stdout.trim() || 'logged in')
}

/**
 * Logs out of the registry; never throws, since it runs after a failure too
 * and must not hide it: a logout that fails is a warning naming the file
 * the token may still be in.
 */
export async function logOut(
  registry: string,
  deps: Pick<BuildDeps, 'run' | 'logger'>,
): Promise<void> {
  const args = logoutArgs(registry)
  let why: string
  try {
    const result = await deps.run('docker', args)
    if (result.exitCode === 0) {
      deps.logger.info(result.stdout.trim() || `logged out of ${registry}`)
      return
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
