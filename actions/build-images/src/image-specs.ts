// The images a run builds: one from the `image`, `context` and `dockerfile`
// inputs (a matrix job), or several from the `images` YAML list.
import { readYamlInput } from '../../../lib/yaml/index.js'
import {
  ImageRefError,
  canonicalRepository,
  normaliseImageName,
  parseImageRef,
} from '../../../lib/image-ref/index.js'
import { buildArgLines, buildArgMap } from './key-values.js'
import { checkedSpec, dockerfileIn } from './image-paths.js'
import { ConfigError } from '../../../lib/runner/index.js'

/** One image to build, checked. */
export interface ImageSpec {
  /** The image name, lower-cased, without tag or digest. */
  readonly name: string
  /** The build context, relative to the working directory, or a URL. */
  readonly context: string
  /** The Dockerfile, relative to the working directory. */
  readonly dockerfile: string
  /** `os/arch[/variant]`, at least one. */
  readonly platforms: readonly string[]
  /** The Dockerfile stage to build; the last one otherwise. */
  readonly target?: string
  /** Build arguments, the run's own overridden by the image's. */
  readonly buildArgs: Readonly<Record<string, string>>
}

/** What every image of a run shares unless it says otherwise. */
export interface ImageDefaults {
  readonly platforms: readonly string[]
  readonly buildArgs: Readonly<Record<string, string>>
  /** The folder relative paths are read from. */
  readonly workingDirectory: string
  /** Where that folder came from, for messages: `working-directory`. */
  readonly workingDirectoryFrom?: string
}

/** The fields a single image is given by. */
export interface SingleImage {
  image: string
  context?: string
  dockerfile?: string
  target?: string
}

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/
const FIELDS = [
  'name',
  'context',
  'dockerfile',
  'platforms',
  'target',
  'build-args',
]
const LIST_SHAPE =
  'a YAML list of maps like `- {name: ghcr.io/org/api, context: api}`, each with name and optionally context, dockerfile, platforms, target, build-args'

/** The one image of the `image` input and its neighbours. */
export function singleImageSpec(
  single: SingleImage,
  defaults: ImageDefaults,
): ImageSpec {
  const context = single.context ?? '.'
  return checkedSpec(
    {
      name: imageName('image', single.image),
      context,
      dockerfile: single.dockerfile ?? dockerfileIn(context),
      platforms: defaults.platforms,
      ...(single.target === undefined ? {} : { target: single.target }),
      buildArgs: defaults.buildArgs,
    },
    defaults,
    {
      context: 'context',
      ...(single.dockerfile === undefined ? {} : { dockerfile: 'dockerfile' }),
      where: '',
    },
  )
}

/** The images of the `images` input, a YAML list of maps. */
export function imageListSpecs(
  text: string,
  defaults: ImageDefaults,
): ImageSpec[] {
  const list = parseAsText(text)
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError('images', text, LIST_SHAPE)
  }
  const specs = list.map((entry: unknown, index) =>
    entrySpec(entry, index + 1, defaults),
  )
  // `nginx` and `docker.io/library/nginx` are one image: one set of tags.
  const seen = new Set<string>()
  for (const spec of specs) {
    const canonical = canonicalRepository(parseImageRef(spec.name))
    if (seen.has(canonical)) {
      throw new ConfigError('images', spec.name, 'each image name once')
    }
    seen.add(canonical)
  }
  return specs
}

function parseAsText(text: string): unknown {
  return readYamlInput('images', text, LIST_SHAPE)
}

/** Checks `os/arch[/variant]` platforms; `input` names them in errors. */
export function checkPlatforms(
  input: string,
  platforms: readonly string[],
): readonly string[] {
  if (platforms.length === 0) {
    throw new ConfigError(input, '', 'at least one platform like linux/amd64')
  }
  for (const platform of platforms) {
    if (!PLATFORM.test(platform)) {
      throw new ConfigError(
        input,
        platform,
        'platforms written os/arch[/variant], like linux/amd64 or linux/arm/v7',
      )
    }
  }
  return [...new Set(platforms)]
}

function entrySpec(
  entry: unknown,
  position: number,
  defaults: ImageDefaults,
): ImageSpec {
  const where = `entry ${position} of images`
  if (!isRecord(entry)) {
    throw new ConfigError('images', JSON.stringify(entry) ?? '', LIST_SHAPE)
  }
  for (const key of Object.keys(entry)) {
    if (!FIELDS.includes(key)) {
      throw new ConfigError(
        'images',
        key,
        `in ${where}, one of the fields ${FIELDS.join(', ')}`,
      )
    }
  }
  const given = optionalText(entry.name, where, 'name')
  if (given === undefined) {
    throw new ConfigError(
      'images',
      JSON.stringify(entry) ?? '',
      `in ${where}, a name like \`- name: ghcr.io/org/api\``,
    )
  }
  const name = imageName('images', given)
  const context = optionalText(entry.context, where, 'context') ?? '.'
  const target = optionalText(entry.target, where, 'target')
  const dockerfile = optionalText(entry.dockerfile, where, 'dockerfile')
  // An empty `platforms:` is read as the text "", as if it were absent.
  const platforms =
    entry.platforms === undefined || entry.platforms === ''
      ? defaults.platforms
      : checkPlatforms('images', platformList(entry.platforms, where))
  return checkedSpec(
    {
      name,
      context,
      dockerfile: dockerfile ?? dockerfileIn(context),
      platforms,
      ...(target === undefined ? {} : { target }),
      buildArgs: {
        ...defaults.buildArgs,
        ...entryBuildArgs(entry['build-args'], where),
      },
    },
    defaults,
    {
      context: 'images',
      ...(dockerfile === undefined ? {} : { dockerfile: 'images' }),
      where: `in ${where}, `,
    },
  )
}

function platformList(value: unknown, where: string): string[] {
  if (typeof value === 'string') return value.split(',').map((p) => p.trim())
  if (Array.isArray(value) && value.every((p) => typeof p === 'string')) {
    return value.map((p: string) => p.trim())
  }
  throw new ConfigError(
    'images',
    JSON.stringify(value) ?? '',
    `in ${where}, platforms as a list like [linux/amd64, linux/arm64]`,
  )
}

function entryBuildArgs(value: unknown, where: string): Record<string, string> {
  // An empty `build-args:` is read as the text "".
  if (value === undefined || value === '') return {}
  const shape = `in ${where}, build-args as a map like {NODE_VERSION: 24}, each value text`
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return buildArgLines('images', value)
  }
  if (isRecord(value)) {
    const pairs = Object.entries(value).map(([key, v]) => {
      if (typeof v !== 'string') {
        throw new ConfigError('images', JSON.stringify(v) ?? '', shape)
      }
      return [key, v] as const
    })
    return buildArgMap('images', Object.fromEntries(pairs))
  }
  throw new ConfigError('images', JSON.stringify(value) ?? '', shape)
}

function imageName(input: string, name: string): string {
  try {
    return normaliseImageName(name)
  } catch (error: unknown) {
    if (!(error instanceof ImageRefError)) throw error
    throw new ConfigError(
      input,
      name,
      `an image name like ghcr.io/org/app, without tag or digest (${error.reason})`,
    )
  }
}

function optionalText(
  value: unknown,
  where: string,
  field: string,
): string | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string') {
    throw new ConfigError(
      'images',
      JSON.stringify(value) ?? '',
      `in ${where}, ${field} as text`,
    )
  }
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
