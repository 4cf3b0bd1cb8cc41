// Where registry-password logs in: the one registry it belongs to, named by
// the `registry` input or, without it, the first image's. A password for
// one registry sent to every registry of the run would hand a GitHub token
// to Docker Hub or a third-party host because an image lives there.
import type { ImageSpec } from './image-specs.js'
import { registryOf, sameRegistry } from './registry-login.js'
import { tryParseImageRef } from '../../../lib/image-ref/index.js'
import { ConfigError, optionalInput } from '../../../lib/runner/index.js'

/** Registry credentials for `docker login`, for one registry. */
export interface RegistryLogin {
  /** The registry host (and port) the password is for, lower-case. */
  readonly registry: string
  readonly username: string
  /** Masked as soon as it is read; it travels on stdin only. */
  readonly password: string
}

// The prefixes of GitHub's tokens: GITHUB_TOKEN (ghs_), personal (ghp_,
// and github_pat_ for fine-grained ones), OAuth (gho_), user-to-server
// (ghu_), refresh (ghr_). https://github.blog/changelog/2021-03-31-authentication-token-format-updates-are-generally-available/
const GITHUB_TOKEN = /^(?:gh[pousr]_|github_pat_)/
const GHCR = 'ghcr.io'

/**
 * The login the inputs ask for, or undefined without registry-password;
 * throws ConfigError for a registry no image goes to, or a GitHub token
 * that would go to another registry without being told to.
 */
export function readLogin(
  password: string | undefined,
  images: readonly ImageSpec[],
  actor: string | undefined,
): RegistryLogin | undefined {
  const given = optionalInput('registry')
  const named = given === undefined ? undefined : registryHost(given)
  const username = optionalInput('registry-username') ?? actor
  if (password === undefined) return undefined
  if (username === undefined) {
    throw new ConfigError(
      'registry-username',
      '',
      'a user name to log in with registry-password (GITHUB_ACTOR is not set)',
    )
  }
  const registries = [...new Set(images.map((image) => registryOf(image.name)))]
  if (named !== undefined && given !== undefined) {
    if (!registries.some((registry) => sameRegistry(registry, named))) {
      throw new ConfigError(
        'registry',
        given,
        `a registry one of the images goes to (${registries.join(', ')}), the only host registry-password is sent to`,
      )
    }
    return { registry: named, username, password }
  }
  const registry = registries[0] ?? GHCR
  if (GITHUB_TOKEN.test(password) && registry !== GHCR) {
    throw new ConfigError(
      'registry',
      '',
      `the registry registry-password is for, named: it looks like a GitHub token, which ghcr.io takes, and the first image goes to ${registry}; set \`registry: ghcr.io\`, or log in to ${registry} with docker/login-action and leave registry-password empty`,
    )
  }
  return { registry, username, password }
}

/** A registry host as `docker login` takes it: no scheme, no path. */
function registryHost(value: string): string {
  const host = value.toLowerCase()
  if (tryParseImageRef(`${host}/image`)?.registry !== host) {
    throw new ConfigError(
      'registry',
      value,
      'a registry host like ghcr.io or registry.example.com:5000, without https:// or a path',
    )
  }
  return host
}
