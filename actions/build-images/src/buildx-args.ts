// The `docker buildx build` command line of one image.
import { createHash } from 'node:crypto'
import type { AnnotationLevel } from './oci-labels.js'
import { annotationArgs } from './oci-labels.js'
import type { ImageSpec } from './image-specs.js'
import { sanitiseTag } from './image-tags.js'
import {
  canonicalRepository,
  parseImageRef,
} from '../../../lib/image-ref/index.js'

// 8 hex digits, 32 bits: of 1 000 images, two share one with odds of 1 in
// some 9 000.
const SCOPE_HASH_LENGTH = 8

/** Everything one build's command line is made from. */
export interface BuildxInput {
  readonly spec: ImageSpec
  /** Full references, `<image>:<tag>`. */
  readonly tags: readonly string[]
  readonly labels: Readonly<Record<string, string>>
  readonly annotationLevel: AnnotationLevel
  readonly push: boolean
  readonly cache: boolean
  readonly provenance: boolean
  readonly sbom: boolean
  /** Where buildx writes the build's metadata, the digest among it. */
  readonly metadataFile: string
}

/** The arguments after `docker`: `buildx build … <context>`. */
export function buildxArgs(input: BuildxInput): string[] {
  const { spec } = input
  const args = [
    'buildx',
    'build',
    '--file',
    spec.dockerfile,
    '--platform',
    spec.platforms.join(','),
  ]
  for (const tag of input.tags) args.push('--tag', tag)
  for (const [key, value] of Object.entries(input.labels)) {
    args.push('--label', `${key}=${value}`)
  }
  args.push(...annotationArgs(input.labels, input.annotationLevel))
  if (input.cache) {
    const scope = cacheScope(spec.name, spec.platforms)
    args.push(
      '--cache-from',
      `type=gha,scope=${scope}`,
      '--cache-to',
      `type=gha,mode=max,scope=${scope}`,
    )
  }
  args.push(
    input.provenance ? '--provenance=mode=max' : '--provenance=false',
    `--sbom=${String(input.sbom)}`,
    '--metadata-file',
    input.metadataFile,
  )
  if (input.push) args.push('--push')
  for (const [key, value] of Object.entries(spec.buildArgs)) {
    args.push('--build-arg', `${key}=${value}`)
  }
  if (spec.target !== undefined) args.push('--target', spec.target)
  args.push(spec.context)
  return args
}

/**
 * The GitHub Actions cache scope of an image, so that two images never
 * overwrite each other's cache (CASES.md C30): its registry and path, and
 * the platform when a build makes one platform, as split per-platform
 * builds of one image do. Writing `/` as `-` makes `ghcr.io/org/a-b` and
 * `ghcr.io/org-a/b` read alike, so a short hash of the image and platform
 * ends the scope; `nginx` and `docker.io/library/nginx` share one.
 */
export function cacheScope(
  image: string,
  platforms: readonly string[],
): string {
  const repository = canonicalRepository(parseImageRef(image))
  const [only] = platforms
  const platform = platforms.length === 1 ? only : undefined
  const hash = createHash('sha256')
    .update(`${repository}\n${platform ?? 'all platforms'}`)
    .digest('hex')
    .slice(0, SCOPE_HASH_LENGTH)
  const readable = sanitiseTag(
    platform === undefined ? repository : `${repository}-${platform}`,
  )
  return `${readable}-${hash}`
}
