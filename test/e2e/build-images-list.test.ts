import { afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import type { ImagesFixture } from '../../actions/build-images/test/run-bundle.js'
import {
  expectSuccess,
  imagesOutput,
  optionValues,
  requireBundle,
  startFixture,
} from '../../actions/build-images/test/run-bundle.js'

// The build-images bundle given several images: each is built with its
// `images` entry read as written (N7) and in a cache scope of its own
// (C30, N11).

let fx: ImagesFixture
beforeAll(requireBundle)
afterEach(() => fx?.close())

const MAIN = { ref: 'refs/heads/main' }

/** The arguments of every `docker buildx build`, in order. */
function builds(): string[][] {
  return fx.fakes.callsOf('docker', 'buildx', 'build').map((c) => c.args)
}

/** The scope of every build's `--cache-to`, in order. */
function scopes(): string[] {
  return builds().flatMap((args) =>
    optionValues(args, '--cache-to').map((to) => to.replace(/^.*scope=/, '')),
  )
}

describe('the build-images bundle given a list of images', () => {
  it('passes each build argument as written, never as a YAML number (N7)', async () => {
    fx = startFixture()
    const run = await fx.run(
      {
        // The breaker's entry, as a workflow would hold it.
        images: [
          '- name: ghcr.io/org/cortex-api',
          '  context: services/api',
          '  build-args: { PYTHON_VERSION: 3.10, ALPINE: 3.20, V: 010, O: 0x1F, N: null }',
        ].join('\n'),
        'build-args': 'SHARED=1.10',
        push: 'false',
      },
      MAIN,
    )
    expectSuccess(run)
    const [args = []] = builds()
    expect(optionValues(args, '--build-arg')).toEqual([
      'SHARED=1.10',
      'PYTHON_VERSION=3.10',
      'ALPINE=3.20',
      'V=010',
      'O=0x1F',
      'N=null',
    ])
  })

  it('gives each image of a list its own cache scope (C30)', async () => {
    fx = startFixture()
    const run = await fx.run(
      {
        images: [
          '- name: ghcr.io/org/api',
          '  context: services/api',
          '- name: ghcr.io/org/worker',
          '  context: services/worker',
          '  platforms: [linux/arm64]',
        ].join('\n'),
        platforms: 'linux/amd64,linux/arm64',
      },
      MAIN,
    )
    expectSuccess(run)
    expect(scopes()).toEqual([
      'ghcr.io-org-api-91d1a45d',
      'ghcr.io-org-worker-linux-arm64-261f9fea',
    ])
    expect(builds().map((args) => args.at(-1))).toEqual([
      'services/api',
      'services/worker',
    ])
    expect(run.outputs.digest).toBe('')
    expect(imagesOutput(run).map((i) => i.platforms)).toEqual([
      ['linux/amd64', 'linux/arm64'],
      ['linux/arm64'],
    ])
  })

  it('keeps apart images whose names read alike once / is - (N11)', async () => {
    fx = startFixture()
    const run = await fx.run(
      {
        images: [
          '- name: ghcr.io/org/a-b',
          '- name: ghcr.io/org-a/b',
          '- name: docker.io/org/a-b',
        ].join('\n'),
        'dry-run': 'true',
      },
      MAIN,
    )
    expectSuccess(run)
    const dryRun = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('docker buildx build '))
    const found = dryRun.map((line) => /scope=([^ ',]+)/.exec(line)?.[1])
    expect(found).toEqual([
      'ghcr.io-org-a-b-linux-amd64-4c3c5501',
      'ghcr.io-org-a-b-linux-amd64-fda0acab',
      'docker.io-org-a-b-linux-amd64-f00e7414',
    ])
  })

  it('keeps the split per-platform jobs of one image apart (C30)', async () => {
    fx = startFixture()
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const run = await fx.run(
        { image: 'ghcr.io/org/app', platforms: platform },
        MAIN,
      )
      expectSuccess(run)
    }
    expect(scopes()).toEqual([
      'ghcr.io-org-app-linux-amd64-e097fab5',
      'ghcr.io-org-app-linux-arm64-772a79ef',
    ])
  })
})
