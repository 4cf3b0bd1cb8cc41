import { afterEach, describe, expect, it } from '@jest/globals'
import type { ImageSpec } from '../src/image-specs.js'
import { readLogin } from '../src/login-settings.js'
import { ConfigError } from '../../../lib/runner/index.js'

// N12: registry-password logs in to one registry, the one it belongs to,
// never to every registry an image of the run happens to go to.

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

// The shapes of GitHub's tokens, made up: GITHUB_TOKEN and a personal one.
const GITHUB_TOKEN = 'ghs_madeUpForThisTest0000000000000000'
const PAT = 'github_pat_madeUpForThisTest000000000000'
const HUB_TOKEN = 'dckr_pat_madeUpForThisTest0000000'

function images(...names: string[]): ImageSpec[] {
  return names.map((name) => ({
    name,
    context: '.',
    dockerfile: 'Dockerfile',
    platforms: ['linux/amd64'],
    buildArgs: {},
  }))
}

function loginFor(
  password: string | undefined,
  names: string[],
  registry?: string,
): ReturnType<typeof readLogin> {
  if (registry !== undefined) process.env.INPUT_REGISTRY = registry
  return readLogin(password, images(...names), 'octocat')
}

describe('readLogin', () => {
  it.each<[string, string, string[], string | undefined, string]>([
    [
      'the first image’s registry by default',
      GITHUB_TOKEN,
      ['ghcr.io/org/app', 'docker.io/org/app', 'quay.io/org/app'],
      undefined,
      'ghcr.io',
    ],
    [
      'Docker Hub for a Docker Hub token and an image without a registry',
      HUB_TOKEN,
      ['org/app', 'ghcr.io/org/app'],
      undefined,
      'docker.io',
    ],
    [
      'the registry named, lower-cased, whatever comes first',
      GITHUB_TOKEN,
      ['docker.io/org/app', 'ghcr.io/org/app'],
      'GHCR.io',
      'ghcr.io',
    ],
    [
      'a registry with a port',
      'pw',
      ['ghcr.io/org/app', 'registry.example.com:5000/app'],
      'registry.example.com:5000',
      'registry.example.com:5000',
    ],
    [
      'Docker Hub by its other name',
      HUB_TOKEN,
      ['ghcr.io/org/app', 'nginx'],
      'index.docker.io',
      'index.docker.io',
    ],
    [
      'a GitHub token for another registry when the registry is named',
      PAT,
      ['containers.github.example.com/org/app'],
      'containers.github.example.com',
      'containers.github.example.com',
    ],
  ])('logs in to %s', (_, password, names, registry, expected) => {
    expect(loginFor(password, names, registry)).toEqual({
      registry: expected,
      username: 'octocat',
      password,
    })
  })

  it('logs in nowhere without a password, whatever registry says', () => {
    expect(loginFor(undefined, ['ghcr.io/org/app'], 'ghcr.io')).toBeUndefined()
  })

  it.each<[string, string, string[], string | undefined, string]>([
    [
      'a GitHub token that would go to Docker Hub unasked',
      GITHUB_TOKEN,
      ['docker.io/org/app', 'ghcr.io/org/app'],
      undefined,
      'input \'registry\': got ""; expected the registry registry-password is for, named: it looks like a GitHub token, which ghcr.io takes, and the first image goes to docker.io; set `registry: ghcr.io`, or log in to docker.io with docker/login-action and leave registry-password empty',
    ],
    [
      'a personal token that would go to a third-party host unasked',
      PAT,
      ['registry.example.com:5000/app'],
      undefined,
      'the first image goes to registry.example.com:5000',
    ],
    [
      'a registry no image goes to',
      'pw',
      ['ghcr.io/org/app', 'docker.io/org/app'],
      'quay.io',
      'input \'registry\': got "quay.io"; expected a registry one of the images goes to (ghcr.io, docker.io), the only host registry-password is sent to',
    ],
    [
      'a URL',
      'pw',
      ['ghcr.io/org/app'],
      'https://ghcr.io',
      'input \'registry\': got "https://ghcr.io"; expected a registry host like ghcr.io or registry.example.com:5000, without https:// or a path',
    ],
    ['a path', 'pw', ['ghcr.io/org/app'], 'ghcr.io/org', 'without https://'],
    [
      'a word that is no host',
      'pw',
      ['ghcr.io/org/app'],
      'ghcr',
      'a registry host',
    ],
  ])('refuses %s', (_, password, names, registry, message) => {
    const read = () => loginFor(password, names, registry)
    expect(read).toThrow(ConfigError)
    expect(read).toThrow(message)
  })
})
