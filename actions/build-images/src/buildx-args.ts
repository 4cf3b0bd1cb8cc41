// The `docker buildx build` command line of one image.
import type { AnnotationLevel } from './oci-labels.js'
import { annotationArgs } from './oci-labels.js'
import type { ImageSpec } from './image-specs.js'
import { sanitiseTag } from './image-tags.js'
import { parseImageRef } from '../../../lib/image-ref/index.js'

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
 * The GitHub Actions cache scope of an image: its path, so that two images
 * of a matrix never overwrite each other's cache (CASES.md C30), and the
 * platform too when a build makes one platform, as split per-platform
 * builds of one image do.
 */
export function cacheScope(
  image: string,
  platforms: readonly string[],
): string {
  const path = sanitiseTag(parseImageRef(image).repository)
  const [only] = platforms
  return platforms.length === 1 && only !== undefined
    ? `${path}-${sanitiseTag(only)}`
    : path
}
