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

// The build-images bundle when the registry misbehaves, and when it is told
// to run nothing or not to push; what it does with the registry password is
// in build-images-login.test.ts.

let fx: ImagesFixture
beforeAll(requireBundle)
afterEach(() => fx?.close())

const IMAGE = 'ghcr.io/org/app'
const MAIN = { ref: 'refs/heads/main' }

function pushes(): number {
  return fx.fakes
    .callsOf('docker', 'buildx', 'build')
    .filter((c) => c.args.includes('--push')).length
}

describe('the build-images bundle against a failing registry', () => {
  it('retries a push that got a 503, pausing longer each time, then succeeds', async () => {
    fx = startFixture({ FAKE_DOCKER_PUSH_FAILURES: '2' })
    const run = await fx.run({ image: IMAGE }, MAIN)
    expectSuccess(run)
    expect(pushes()).toBe(3)
    expect(run.stdout).toContain(
      'ghcr.io/org/app: build and push attempt 1 of 4 failed (a passing registry fault)',
    )
    expect(run.stdout).toMatch(/::warning title=Push retried::.*in 2 s/)
    expect(run.stdout).toMatch(/::warning title=Push retried::.*in 4 s/)
    expect(imagesOutput(run)[0]?.digest).toMatch(/^sha256:/)
  }, 30_000)

  it('gives up when the retries run out, naming the last error', async () => {
    fx = startFixture({
      FAKE_DOCKER_PUSH_FAILURES: '5',
      FAKE_DOCKER_PUSH_ERROR: 'toomanyrequests: retry-after: 10s',
    })
    const run = await fx.run({ image: IMAGE, 'push-retries': '0' }, MAIN)
    expect(run.exitCode).toBe(1)
    expect(pushes()).toBe(1)
    expect(run.stdout).toMatch(
      /::error::pushing ghcr.io\/org\/app failed once, each time for a passing reason \(push-retries: 0\); the last: .*toomanyrequests/,
    )
    expect(run.summary).toContain('## Build images: failed')
  })

  it('fails at once when the push is refused, saying which permission it needs', async () => {
    fx = startFixture({ FAKE_DOCKER_PUSH_DENIED: '1' })
    const run = await fx.run({ image: IMAGE }, MAIN)
    expect(run.exitCode).toBe(1)
    expect(pushes()).toBe(1)
    expect(run.stdout).toContain('::error::the registry refused the push')
    expect(run.stdout).toContain('`permissions: packages: write`')
    expect(fx.fakes.callsOf('cosign')).toEqual([])
  })

  it('fails a broken build at once, with its error', async () => {
    fx = startFixture({
      FAKE_DOCKER_BUILD_ERROR:
        'process "/bin/sh -c npm ci" did not complete successfully: exit code: 1',
    })
    const run = await fx.run({ image: IMAGE }, MAIN)
    expect(run.exitCode).toBe(1)
    expect(pushes()).toBe(1)
    expect(run.stdout).toContain('::error::docker buildx build failed (exit 1)')
    expect(run.stdout).toContain('npm ci')
    // A build that failed was no push attempt.
    expect(run.stdout).toContain(
      'ghcr.io/org/app: the build failed before any push (not retried)',
    )
    expect(run.stdout).not.toContain('attempt 1 of')
  })
})

describe('the build-images bundle when signing fails after the push', () => {
  it('still sets the outputs of the pushed image and lists it as not signed', async () => {
    fx = startFixture({
      FAKE_COSIGN_ERROR:
        'Error: signing: getting signer: getting key from Fulcio: 503 Service Unavailable',
    })
    const run = await fx.run(
      { image: IMAGE, sign: 'true', 'registry-password': REGISTRY_PASSWORD },
      MAIN,
      { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token' },
    )
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('::error::cosign sign --yes failed (exit 1)')
    const [image] = imagesOutput(run)
    expect(image?.digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(image).toMatchObject({ signed: false })
    expect(run.outputs.digest).toBe(image?.digest)
    expect(run.outputs.tags).toBe(
      [`${IMAGE}:main-${fx.head.slice(0, 7)}`, `${IMAGE}:main`].join('\n'),
    )
    expect(run.summary).toContain('## Build images: failed')
    expect(run.summary).toContain('Pushed before the failure:')
    expect(run.summary).toContain(
      `### Not signed\n\nPushed, but not signed with cosign; sign each digest once the cause is fixed:\n\n\`\`\`sh\ncosign sign --yes ${image?.ref}\n`,
    )
    expect(run.stdout).toMatch(/::warning title=Pushed but not signed::/)
    expect(fx.fakes.loggedIn()).toEqual([])
  })
})

describe('the build-images bundle told not to push', () => {
  it('runs nothing in a dry run and prints every command, one a line', async () => {
    fx = startFixture()
    const run = await fx.run(
      {
        image: IMAGE,
        'dry-run': 'true',
        sign: 'true',
        'registry-password': REGISTRY_PASSWORD,
      },
      MAIN,
    )
    expectSuccess(run)
    expect(fx.fakes.calls()).toEqual([])
    expect(run.outputs['dry-run']).toBe('true')
    const commands = run.stdout
      .split('\n')
      .filter((line) => /^(?:docker|cosign) /.test(line))
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'docker login ghcr.io',
      'docker buildx build',
      'docker buildx imagetools',
      'cosign sign --yes',
      'docker logout ghcr.io',
    ])
    expect(run.summary).toContain('## Build images (dry run)')
    expect(run.summary).toContain(
      '```sh\ndocker login ghcr.io --username octocat --password-stdin\n',
    )
    expect(leaks(run, fx.fakes, REGISTRY_PASSWORD)).toEqual([])
  })

  it('only builds with push: false: no login, no push, no inspect', async () => {
    fx = startFixture()
    const run = await fx.run(
      { image: IMAGE, push: 'false', 'registry-password': REGISTRY_PASSWORD },
      MAIN,
    )
    expectSuccess(run)
    expect(fx.fakes.calls().map((c) => c.args.slice(0, 2).join(' '))).toEqual([
      'buildx build',
    ])
    expect(pushes()).toBe(0)
    expect(run.summary).toContain('built 1 image (not pushed)')
    expect(imagesOutput(run)[0]?.platforms).toEqual(['linux/amd64'])
  })
})
