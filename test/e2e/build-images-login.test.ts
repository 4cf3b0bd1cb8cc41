import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { ImagesFixture } from '../../actions/build-images/test/run-bundle.js'
import {
  REGISTRY_PASSWORD,
  expectSuccess,
  imagesOutput,
  leaks,
  requireBundle,
  startFixture,
} from '../../actions/build-images/test/run-bundle.js'

// The build-images bundle and the registry password: it goes to `docker
// login` on stdin, for the one registry it belongs to (N12), shows nowhere
// else, and is logged out of whatever happens. The fake docker's
// FAKE_DOCKER_AUTHS plays a docker/login-action step before this one, and
// refuses a push to a registry docker holds no credentials for.

let fx: ImagesFixture
beforeAll(requireBundle)
afterEach(() => fx?.close())

const IMAGE = 'ghcr.io/org/app'
const MAIN = { ref: 'refs/heads/main' }
const THREE_REGISTRIES = [
  '- name: ghcr.io/org/app',
  '- name: docker.io/org/app',
  '- name: registry.example.com:5000/app',
].join('\n')

/** `docker login` and `docker logout`, with the registry, in order. */
function sessions(): string[] {
  return fx.fakes
    .calls()
    .filter((c) => c.args[0] === 'login' || c.args[0] === 'logout')
    .map((c) => `${c.args[0]} ${c.args[1]}`)
}

describe('the registry password', () => {
  it('logs in to its one registry on stdin; other images go with docker’s own login', async () => {
    fx = startFixture({ FAKE_DOCKER_AUTHS: 'docker.io' })
    const run = await fx.run(
      {
        images:
          '- name: ghcr.io/org/api\n- name: ghcr.io/org/worker\n- name: docker.io/org/tools',
        'registry-password': REGISTRY_PASSWORD,
        'registry-username': 'bot',
      },
      MAIN,
    )
    expectSuccess(run)
    expect(fx.fakes.callsOf('docker', 'login')).toEqual([
      {
        tool: 'docker',
        args: ['login', 'ghcr.io', '--username', 'bot', '--password-stdin'],
        stdin: REGISTRY_PASSWORD,
      },
    ])
    expect(sessions()).toEqual(['login ghcr.io', 'logout ghcr.io'])
    expect(imagesOutput(run).map((i) => i.digest !== '')).toEqual([
      true,
      true,
      true,
    ])
    expect(run.stdout).toContain(
      'docker.io/org/tools: pushed with the login docker already holds for its registry; registry-password is for ghcr.io only',
    )
    expect(run.stdout).toContain(`::add-mask::${REGISTRY_PASSWORD}`)
    expect(leaks(run, fx.fakes, REGISTRY_PASSWORD)).toEqual([])
    // docker/login-action's own login stays for its post step to end.
    expect(fx.fakes.loggedIn()).toEqual(['docker.io'])
  })

  it.each([
    ['a password of its own', 'SUPERSECRET-1'],
    ['a GitHub token', REGISTRY_PASSWORD],
  ])(
    'is sent to the first image’s registry only in a dry run with %s (N12)',
    async (_, password) => {
      fx = startFixture()
      const run = await fx.run(
        {
          images: THREE_REGISTRIES,
          'registry-password': password,
          'dry-run': 'true',
        },
        MAIN,
      )
      expectSuccess(run)
      const sessionLines = run.stdout
        .split('\n')
        .filter((line) => /^docker log(?:in|out) /.test(line))
      expect(sessionLines).toEqual([
        'docker login ghcr.io --username octocat --password-stdin',
        'docker logout ghcr.io',
      ])
      expect(fx.fakes.calls()).toEqual([])
    },
  )

  it('logs in where `registry` says, whichever image comes first', async () => {
    fx = startFixture({ FAKE_DOCKER_AUTHS: 'docker.io' })
    const run = await fx.run(
      {
        images: '- name: docker.io/org/app\n- name: ghcr.io/org/app',
        registry: 'ghcr.io',
        'registry-password': REGISTRY_PASSWORD,
      },
      MAIN,
    )
    expectSuccess(run)
    expect(sessions()).toEqual(['login ghcr.io', 'logout ghcr.io'])
  })

  it('refuses to send a GitHub token to Docker Hub unasked, running nothing', async () => {
    fx = startFixture()
    const run = await fx.run(
      {
        images: '- name: docker.io/org/app\n- name: ghcr.io/org/app',
        'registry-password': REGISTRY_PASSWORD,
      },
      MAIN,
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::Configuration error: input \'registry\': got ""; expected the registry registry-password is for, named: it looks like a GitHub token',
    )
    expect(fx.fakes.calls()).toEqual([])
    expect(leaks(run, fx.fakes, REGISTRY_PASSWORD)).toEqual([])
  })

  it('names the missing login when a push to another registry is refused', async () => {
    fx = startFixture({ FAKE_DOCKER_AUTHS: '' })
    const run = await fx.run(
      {
        images: '- name: ghcr.io/org/app\n- name: docker.io/org/app',
        'registry-password': REGISTRY_PASSWORD,
      },
      MAIN,
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      'registry-password logs in to ghcr.io only; log in to docker.io before this step, with docker/login-action.',
    )
    expect(imagesOutput(run).map((i) => i.name)).toEqual([IMAGE])
    expect(sessions()).toEqual(['login ghcr.io', 'logout ghcr.io'])
    expect(fx.fakes.loggedIn()).toEqual([])
  })

  it('is logged out of after a failed build too', async () => {
    fx = startFixture({ FAKE_DOCKER_BUILD_ERROR: 'exit code: 2' })
    const run = await fx.run(
      { image: IMAGE, 'registry-password': REGISTRY_PASSWORD },
      MAIN,
    )
    expect(run.exitCode).toBe(1)
    expect(fx.fakes.calls().map((c) => c.args[0])).toEqual([
      'login',
      'buildx',
      'logout',
    ])
    expect(fx.fakes.loggedIn()).toEqual([])
  })

  it('stays out of a failed login’s error', async () => {
    fx = startFixture({
      FAKE_DOCKER_LOGIN_ERROR: 'Error response from daemon: unauthorized',
    })
    const run = await fx.run(
      { image: IMAGE, 'registry-password': REGISTRY_PASSWORD },
      MAIN,
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      '::error::docker login ghcr.io failed (exit 1)',
    )
    expect(fx.fakes.callsOf('docker', 'buildx')).toEqual([])
    expect(leaks(run, fx.fakes, REGISTRY_PASSWORD)).toEqual([])
  })

  it('stays out of a configuration error', async () => {
    fx = startFixture()
    const run = await fx.run(
      {
        image: IMAGE,
        'registry-password': REGISTRY_PASSWORD,
        platforms: REGISTRY_PASSWORD,
      },
      MAIN,
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(
      "::error::Configuration error: input 'platforms'",
    )
    expect(fx.fakes.calls()).toEqual([])
    expect(leaks(run, fx.fakes, REGISTRY_PASSWORD)).toEqual([])
  })
})
