import { describe, expect, it } from '@jest/globals'
import type { BuildResult } from '../src/build-images.js'
import { buildImages, emptyResult } from '../src/build-images.js'
import { MemoryLogger } from '../../../lib/runner/index.js'
import type { BuildDeps } from '../src/build-deps.js'
import {
  DIGEST,
  runCore,
  settings,
  stubGit,
  tools,
  useTempDir,
  workDir,
} from './core-harness.js'

// The build-images core when docker, the registry or cosign fail: what it
// reports as pushed, and the logout that follows every login.

useTempDir()

describe('buildImages failing', () => {
  it('retries a push that fails for a passing reason', async () => {
    let failures = 1
    const docker = tools((call) => {
      if (call.args[1] !== 'build' || failures === 0) return undefined
      failures -= 1
      return {
        exitCode: 1,
        stderr: 'ERROR: failed to push: 503 Service Unavailable',
      }
    })
    const { result, pauses } = await runCore(settings(), docker.run)
    expect(pauses).toEqual([2000])
    expect(result.images[0]?.digest).toBe(DIGEST)
  })

  it.each([
    [
      'a refused push at once, with the permission it needs',
      'ERROR: failed to push ghcr.io/org/app:main: denied: permission_denied',
      /refused the push of ghcr.io\/org\/app.*\n.*`permissions: packages: write`/,
      1,
    ],
    [
      'a push that keeps failing after the retries',
      'ERROR: failed to push: 503 Service Unavailable',
      /pushing ghcr.io\/org\/app failed 3 times, each time for a passing reason \(push-retries: 2\)/,
      3,
    ],
    [
      'a failed build at once, quoting it',
      'ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully',
      /^docker buildx build failed \(exit 1\):\nERROR: failed to solve/,
      1,
    ],
  ])('fails %s', async (_, stderr, message, attempts) => {
    const docker = tools((call) =>
      call.args[1] === 'build' ? { exitCode: 1, stderr } : undefined,
    )
    await expect(runCore(settings(), docker.run)).rejects.toThrow(message)
    expect(docker.calls).toHaveLength(attempts)
  })

  it.each<[string, string, string | undefined, string]>([
    [
      'an image beside the login',
      'docker.io/org/app',
      'ghcr.io',
      'registry-password logs in to ghcr.io only; log in to docker.io before this step, with docker/login-action.',
    ],
    [
      'an image of another registry, without a login',
      'registry.example.com:5000/app',
      undefined,
      'A push to registry.example.com:5000 needs its credentials: registry-username and registry-password (with `registry: registry.example.com:5000` when another image comes first), or docker/login-action before this step.',
    ],
  ])('says what a refused push of %s needs', async (_, name, at, hint) => {
    const docker = tools((call) =>
      call.args[1] === 'build'
        ? { exitCode: 1, stderr: `ERROR: failed to push ${name}:main: denied` }
        : undefined,
    )
    const images = settings().images.map((spec) => ({ ...spec, name }))
    const login = at && { registry: at, username: 'u', password: 'p' }
    const s = settings({ images, ...(login ? { login } : {}) })
    await expect(runCore(s, docker.run)).rejects.toThrow(`\n${hint}`)
  })

  it('fails a build without push at once', async () => {
    const docker = tools(() => ({
      exitCode: 1,
      stderr: 'ERROR: 503 Service Unavailable',
    }))
    await expect(
      runCore(settings({ push: false }), docker.run),
    ).rejects.toThrow('docker buildx build failed')
    expect(docker.calls).toHaveLength(1)
  })

  it.each([
    [
      'fails',
      { exitCode: 1, stderr: 'ERROR: ghcr.io/org/app: not found' },
      'ERROR: ghcr.io/org/app: not found',
    ],
    [
      'lists no image',
      { stdout: '{"manifests":[]}' },
      'its index lists no image',
    ],
    ['prints no JSON', { stdout: 'oops' }, 'JSON'],
  ])(
    'warns and lists the requested platforms when inspect %s',
    async (_, answer, why) => {
      const docker = tools((call) =>
        call.args[1] === 'imagetools' ? answer : undefined,
      )
      const { result, logger } = await runCore(settings(), docker.run)
      expect(result.images[0]?.platforms).toEqual(['linux/amd64'])
      expect(logger.at('warning')[0]).toContain(why)
    },
  )

  it('takes the requested platforms when the registry holds one manifest', async () => {
    const docker = tools((call) =>
      call.args[1] === 'imagetools' ? { stdout: '{"layers":[]}' } : undefined,
    )
    const { result, logger } = await runCore(settings(), docker.run)
    expect(result.images[0]?.platforms).toEqual(['linux/amd64'])
    expect(logger.at('warning')).toEqual([])
  })

  it.each([
    [
      'a login',
      'login',
      'docker login ghcr.io failed (exit 1):\nError: bad credentials',
    ],
    [
      'cosign',
      'sign',
      'cosign sign --yes failed (exit 1):\nError: bad credentials',
    ],
  ])('fails when %s fails', async (_, word, message) => {
    const docker = tools((call) =>
      call.args[0] === word
        ? { exitCode: 1, stderr: 'Error: bad credentials' }
        : undefined,
    )
    const login = { registry: 'ghcr.io', username: 'u', password: 'p' }
    const s = settings({ sign: true, login })
    await expect(runCore(s, docker.run)).rejects.toThrow(message)
  })

  it('fails when a push leaves no digest, reporting the image pushed', async () => {
    const docker = tools((call) => (call.args[1] === 'build' ? {} : undefined))
    const { result, error } = await failingRun(settings(), docker.run)
    expect(error).toMatch(/wrote no containerimage.digest/)
    expect(result.images).toEqual([
      expect.objectContaining({ name: 'ghcr.io/org/app', digest: '' }),
    ])
  })
})

const TWO = ['ghcr.io/org/api', 'ghcr.io/org/worker'].map((name) => ({
  name,
  context: '.',
  dockerfile: 'Dockerfile',
  platforms: ['linux/amd64'],
  buildArgs: {},
}))

/** Runs the core expecting it to throw; returns what it reported anyway. */
async function failingRun(
  s: ReturnType<typeof settings>,
  run: BuildDeps['run'],
): Promise<{ result: BuildResult; logger: MemoryLogger; error: string }> {
  const result = emptyResult(s)
  const logger = new MemoryLogger()
  const deps: BuildDeps = {
    run,
    git: stubGit(),
    logger,
    now: () => new Date('2026-03-01T12:00:00Z'),
    sleep: () => Promise.resolve(),
    tempDir: workDir(),
  }
  const error = await buildImages(s, deps, result).then(
    () => 'no error',
    (e: unknown) => String(e),
  )
  return { result, logger, error }
}

describe('buildImages failing after a push', () => {
  it('reports the pushed image unsigned when cosign fails, and warns', async () => {
    const docker = tools((call) =>
      call.command === 'cosign'
        ? { exitCode: 1, stderr: 'Error: signing: no OIDC token' }
        : undefined,
    )
    const s = settings({ sign: true })
    const { result, logger, error } = await failingRun(s, docker.run)
    expect(error).toContain('cosign sign --yes failed (exit 1)')
    expect(result.images).toEqual([
      expect.objectContaining({
        digest: DIGEST,
        ref: `ghcr.io/org/app@${DIGEST}`,
        tags: ['ghcr.io/org/app:main-7f3a6ce', 'ghcr.io/org/app:main'],
        signed: false,
      }),
    ])
    expect(result.planned).toBe(1)
    expect(logger.at('warning')).toEqual([
      `ghcr.io/org/app@${DIGEST} is pushed (ghcr.io/org/app:main-7f3a6ce, ghcr.io/org/app:main) but not signed`,
    ])
  })

  it('keeps the first image, signed, when the second fails to build', async () => {
    const docker = tools((call) =>
      call.args[1] === 'build' && call.args.includes('ghcr.io/org/worker:main')
        ? { exitCode: 1, stderr: 'ERROR: failed to solve: process "make"' }
        : undefined,
    )
    const s = settings({ sign: true, images: TWO })
    const { result, error } = await failingRun(s, docker.run)
    expect(error).toContain('docker buildx build failed')
    expect(result.planned).toBe(2)
    expect(result.images.map((i) => [i.name, i.signed])).toEqual([
      ['ghcr.io/org/api', true],
    ])
  })
})

describe('buildImages logging out', () => {
  const login = { registry: 'ghcr.io', username: 'bot', password: 'pw-secret' }

  /** The docker login and logout calls, in order. */
  function sessions(calls: { args: readonly string[] }[]): string[] {
    return calls
      .filter((c) => c.args[0] === 'login' || c.args[0] === 'logout')
      .map((c) => `${c.args[0]} ${c.args[1]}`)
  }

  // The second image goes to docker.io, which the password is not for.
  it.each<[string, (args: readonly string[]) => boolean, string[]]>([
    [
      'after a run that went through',
      () => false,
      ['login ghcr.io', 'logout ghcr.io'],
    ],
    [
      'after a failed build',
      (args) => args[1] === 'build',
      ['login ghcr.io', 'logout ghcr.io'],
    ],
    [
      'of nothing when the login is refused',
      (args) => args[0] === 'login',
      ['login ghcr.io'],
    ],
  ])('%s', async (_, fails, expected) => {
    const docker = tools((call) =>
      fails(call.args) ? { exitCode: 1, stderr: 'ERROR: boom' } : undefined,
    )
    const images = [TWO[0], { ...TWO[1], name: 'docker.io/org/worker' }]
    const s = settings({ login, images: images.flatMap((i) => i ?? []) })
    await failingRun(s, docker.run)
    expect(sessions(docker.calls)).toEqual(expected)
  })

  it('warns when a logout fails, without hiding how the run went', async () => {
    const docker = tools((call) =>
      call.args[0] === 'logout'
        ? { exitCode: 1, stderr: 'Error: config.json: permission denied' }
        : undefined,
    )
    const { result, logger, error } = await failingRun(
      settings({ login }),
      docker.run,
    )
    expect(error).toBe('no error')
    expect(result.images).toHaveLength(1)
    expect(logger.at('warning')).toEqual([
      'docker logout ghcr.io failed (Error: config.json: permission denied); the registry token may still be in the docker config (~/.docker/config.json, or DOCKER_CONFIG)',
    ])
  })

  it('logs in and out of nothing without push', async () => {
    const docker = tools()
    await runCore(settings({ login, push: false }), docker.run)
    expect(sessions(docker.calls)).toEqual([])
  })
})
