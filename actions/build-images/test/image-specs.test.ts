import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { ImageDefaults } from '../src/image-specs.js'
import { buildArgLines } from '../src/key-values.js'
import {
  checkPlatforms,
  imageListSpecs,
  singleImageSpec,
} from '../src/image-specs.js'
import { ConfigError } from '../../../lib/runner/index.js'

// A monorepo with two services and a Dockerfile of another name.
let dir: string
let defaults: ImageDefaults
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-specs-'))
  for (const file of [
    'Dockerfile',
    'services/api/Dockerfile',
    'services/worker/Dockerfile',
    'docker/worker.Dockerfile',
  ]) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), 'FROM alpine:3.20\n')
  }
  defaults = {
    platforms: ['linux/amd64'],
    buildArgs: { NODE_VERSION: '24' },
    workingDirectory: dir,
  }
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('singleImageSpec', () => {
  it('builds the root Dockerfile of the working directory by default', () => {
    expect(singleImageSpec({ image: 'GHCR.io/Org/App' }, defaults)).toEqual({
      name: 'ghcr.io/org/app',
      context: '.',
      dockerfile: 'Dockerfile',
      platforms: ['linux/amd64'],
      buildArgs: { NODE_VERSION: '24' },
    })
  })

  it('finds the Dockerfile in the context given', () => {
    const spec = singleImageSpec(
      { image: 'ghcr.io/org/api', context: 'services/api/', target: 'run' },
      defaults,
    )
    expect(spec).toMatchObject({
      context: 'services/api/',
      dockerfile: 'services/api/Dockerfile',
      target: 'run',
    })
  })

  it.each<[string, Parameters<typeof singleImageSpec>[0], string]>([
    [
      'an image with a tag',
      { image: 'ghcr.io/org/app:1.0' },
      `input 'image': got "ghcr.io/org/app:1.0"; expected an image name like ghcr.io/org/app, without tag or digest`,
    ],
    [
      'a context that is not there',
      { image: 'app', context: 'nope' },
      `input 'context': got "nope"; expected a folder that exists`,
    ],
    [
      'a Dockerfile that is not there',
      { image: 'app', dockerfile: 'services/Dockerfile' },
      `input 'dockerfile': got "services/Dockerfile"; expected a Dockerfile that exists`,
    ],
    // The Dockerfile nobody named is the context's: `dockerfile` was unset.
    [
      'a context without a Dockerfile',
      { image: 'app', context: 'docker' },
      `input 'context': got "docker"; expected a build context holding a Dockerfile, or \`dockerfile\` naming one`,
    ],
  ])('refuses %s', (_, single, message) => {
    expect(() => singleImageSpec(single, defaults)).toThrow(message)
  })

  it('leaves a remote context to buildx', () => {
    const context = 'https://github.com/org/app.git#main'
    expect(singleImageSpec({ image: 'app', context }, defaults)).toMatchObject({
      context,
      dockerfile: 'Dockerfile',
    })
  })
})

describe('imageListSpecs', () => {
  it('reads each image with its own platforms, target and build arguments', () => {
    const specs = imageListSpecs(
      [
        '- name: ghcr.io/org/api',
        '  context: services/api',
        '- name: ghcr.io/org/worker',
        '  context: services/worker',
        '  dockerfile: docker/worker.Dockerfile',
        '  platforms: [linux/amd64, linux/arm64]',
        '  target: runtime',
        '  build-args: {NODE_VERSION: 22, DEBUG: true}',
        '- name: ghcr.io/org/tools',
        '  platforms: linux/arm64, linux/arm/v7',
        '  build-args: [EXTRA=a=b]',
      ].join('\n'),
      defaults,
    )
    expect(specs).toEqual([
      {
        name: 'ghcr.io/org/api',
        context: 'services/api',
        dockerfile: 'services/api/Dockerfile',
        platforms: ['linux/amd64'],
        buildArgs: { NODE_VERSION: '24' },
      },
      {
        name: 'ghcr.io/org/worker',
        context: 'services/worker',
        dockerfile: 'docker/worker.Dockerfile',
        platforms: ['linux/amd64', 'linux/arm64'],
        target: 'runtime',
        buildArgs: { NODE_VERSION: '22', DEBUG: 'true' },
      },
      {
        name: 'ghcr.io/org/tools',
        context: '.',
        dockerfile: 'Dockerfile',
        platforms: ['linux/arm64', 'linux/arm/v7'],
        buildArgs: { NODE_VERSION: '24', EXTRA: 'a=b' },
      },
    ])
  })

  // N7: YAML 1.2 would read 3.10 as the number 3.1, and 010 or 0x1F as
  // numbers too; a build argument is the text written.
  it.each([
    ['3.10', '3.10'],
    ['3.20', '3.20'],
    ['010', '010'],
    ['0x1F', '0x1F'],
    ['1e3', '1e3'],
    ['.inf', '.inf'],
    ['null', 'null'],
    ['~', '~'],
    ['yes', 'yes'],
    ['2024-01-01', '2024-01-01'],
    ['!!float 1.10', '1.10'],
    ["'3.10'", '3.10'],
    ['" 3.10 "', ' 3.10 '],
    ['""', ''],
    ['', ''],
  ])('reads the build argument %s as %j', (written, value) => {
    const [spec] = imageListSpecs(
      `- name: app\n  build-args: { V: ${written} }\n  target: 010`,
      defaults,
    )
    expect(spec?.buildArgs).toEqual({ NODE_VERSION: '24', V: value })
    expect(spec?.target).toBe('010')
  })

  it('takes an empty build-args and platforms as none given', () => {
    const [spec] = imageListSpecs(
      '- name: app\n  build-args:\n  platforms:',
      defaults,
    )
    expect(spec).toMatchObject({
      platforms: ['linux/amd64'],
      buildArgs: { NODE_VERSION: '24' },
    })
  })

  it.each([
    ['text that is not YAML', '- name: [', 'a YAML list of maps'],
    ['a map instead of a list', 'name: app', 'a YAML list of maps'],
    ['an empty list', '[]', 'a YAML list of maps'],
    ['an entry that is not a map', '- app', 'a YAML list of maps'],
    [
      'an unknown field',
      '- name: app\n  file: x',
      'one of the fields name, context',
    ],
    [
      'an entry without a name',
      '- context: .',
      'input \'images\': got "{\\"context\\":\\".\\"}"; expected in entry 1 of images, a name like `- name: ghcr.io/org/api`',
    ],
    [
      'a name that is a list',
      '- name: [a]',
      'input \'images\': got "[\\"a\\"]"; expected in entry 1 of images, name as text',
    ],
    [
      'a bad image name',
      '- name: app@latest',
      'an image name like ghcr.io/org/app',
    ],
    [
      'platforms of the wrong kind',
      '- name: app\n  platforms: {a: 1}',
      'platforms as a list',
    ],
    [
      'a bad platform',
      '- name: app\n  platforms: [amd64]',
      'platforms written os/arch[/variant]',
    ],
    [
      'build-args of the wrong kind',
      '- name: app\n  build-args: x',
      'build-args as a map',
    ],
    [
      'a bad build argument',
      '- name: app\n  build-args: {1X: a}',
      'build arguments as KEY=value',
    ],
    [
      'a build argument whose value is a map',
      '- name: app\n  build-args: {A: {b: 1}}',
      'input \'images\': got "{\\"b\\":\\"1\\"}"; expected in entry 1 of images, build-args as a map like {NODE_VERSION: 24}, each value text',
    ],
    [
      'a build argument given twice',
      '- name: app\n  build-args: {A: 1, A: 2}',
      'Map keys must be unique',
    ],
    [
      'the same image twice, written two ways',
      '- name: nginx\n- name: docker.io/library/nginx',
      'input \'images\': got "docker.io/library/nginx"; expected each image name once',
    ],
    [
      'the same image twice',
      '- name: app\n- name: App',
      'each image name once',
    ],
    [
      'a context that is not there',
      '- name: app\n  context: nope',
      'a folder that exists',
    ],
    [
      'a context without a Dockerfile, naming the entry',
      '- name: app\n- name: tool\n  context: docker',
      'input \'images\': got "docker"; expected in entry 2 of images, a build context holding a Dockerfile, or `dockerfile` naming one',
    ],
    [
      'a Dockerfile named that is not there',
      '- name: app\n  dockerfile: docker/api.Dockerfile',
      'input \'images\': got "docker/api.Dockerfile"; expected in entry 1 of images, a Dockerfile that exists',
    ],
  ])('refuses %s', (_, text, expected) => {
    const attempt = () => imageListSpecs(text, defaults)
    expect(attempt).toThrow(ConfigError)
    expect(attempt).toThrow(expected)
  })
})

describe('checkPlatforms', () => {
  it('keeps each platform once', () => {
    expect(checkPlatforms('platforms', ['linux/amd64', 'linux/amd64'])).toEqual(
      ['linux/amd64'],
    )
  })

  it.each([[[]], [['linux']], [['Linux/AMD64']], [['linux/arm/v7/x']]])(
    'refuses %j',
    (platforms) => {
      expect(() => checkPlatforms('platforms', platforms)).toThrow(
        "input 'platforms'",
      )
    },
  )
})

describe('buildArgLines', () => {
  it('splits at the first = and keeps the rest of the value', () => {
    expect(buildArgLines('build-args', ['A=1', 'B = x=y ', 'C='])).toEqual({
      A: '1',
      B: 'x=y',
      C: '',
    })
  })

  it.each(['NOVALUE', '=x', 'A-B=1'])('refuses %j', (line) => {
    expect(() => buildArgLines('build-args', [line])).toThrow(
      `input 'build-args': got "${line}"`,
    )
  })
})
