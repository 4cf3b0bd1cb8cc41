import { describe, expect, it } from '@jest/globals'
import { DIGEST, runCore, settings, tools, useTempDir } from './core-harness.js'

// The build-images core when docker, the registry or cosign fail.

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
    const s = settings({ sign: true, login: { username: 'u', password: 'p' } })
    await expect(runCore(s, docker.run)).rejects.toThrow(message)
  })

  it('fails when a push leaves no digest', async () => {
    const docker = tools((call) => (call.args[1] === 'build' ? {} : undefined))
    await expect(runCore(settings(), docker.run)).rejects.toThrow(
      /wrote no containerimage.digest/,
    )
  })
})
