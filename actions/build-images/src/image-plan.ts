// Everything one image's build is decided by, worked out before anything
// runs: its tags, labels and buildx command line.
import { join } from 'node:path'
import type { BuildSettings } from './settings.js'
import type { ImageSpec } from './image-specs.js'
import type { ImageTags } from './image-tags.js'
import { imageTags } from './image-tags.js'
import { annotationLevel, ociLabels } from './oci-labels.js'
import { buildxArgs, cacheScope } from './buildx-args.js'
import { registryOf } from './registry-login.js'

/** One image's build, decided. */
export interface ImagePlan {
  readonly spec: ImageSpec
  readonly tags: ImageTags
  readonly labels: Readonly<Record<string, string>>
  /** The arguments after `docker`. */
  readonly buildx: readonly string[]
  readonly metadataFile: string
  /** The registry host the image goes to, lower-case. */
  readonly registry: string
}

/** The commit and ref a build is for, and the release tags around it. */
export interface PlanContext {
  readonly ref: string
  readonly sha: string
  readonly existingTags: readonly string[]
  /** Whether a stable release may move `latest` and the floating tags. */
  readonly floating: boolean
  readonly created: Date
  /** Where each build's metadata file goes. */
  readonly tempDir: string
}

/** The plan of every image, in the order given. */
export function planImages(
  settings: BuildSettings,
  ctx: PlanContext,
): ImagePlan[] {
  return settings.images.map((spec, index) =>
    planImage(spec, index + 1, settings, ctx),
  )
}

function planImage(
  spec: ImageSpec,
  position: number,
  settings: BuildSettings,
  ctx: PlanContext,
): ImagePlan {
  const { trigger } = settings
  const tags = imageTags({
    image: spec.name,
    event: trigger.event,
    ref: ctx.ref,
    sha: ctx.sha,
    ...(trigger.pullRequest ? { pullRequest: trigger.pullRequest } : {}),
    ...(trigger.releaseTag ? { releaseTag: trigger.releaseTag } : {}),
    existingVersions: ctx.existingTags,
    shortShaLength: settings.shortShaLength,
    rawVersionTag: settings.rawVersionTag,
    prShaSource: settings.prShaSource,
    floating: ctx.floating,
  })
  const labels = ociLabels({
    image: tags.image,
    ...(tags.version === undefined ? {} : { version: tags.version }),
    firstTag: tags.tagNames[0] ?? tags.shortSha,
    revision: tags.revision,
    created: ctx.created,
    ...(settings.sourceUrl === undefined
      ? {}
      : { sourceUrl: settings.sourceUrl }),
    ...(settings.description === undefined
      ? {}
      : { description: settings.description }),
    ...(settings.licenses === undefined ? {} : { licenses: settings.licenses }),
    extra: settings.labels,
  })
  const metadataFile = join(
    ctx.tempDir,
    `${position}-${cacheScope(spec.name, spec.platforms)}.metadata.json`,
  )
  const buildx = buildxArgs({
    spec,
    tags: tags.tags,
    labels,
    annotationLevel: annotationLevel({
      push: settings.push,
      platforms: spec.platforms,
      attestations: settings.provenance || settings.sbom,
    }),
    push: settings.push,
    cache: settings.cache,
    provenance: settings.provenance,
    sbom: settings.sbom,
    metadataFile,
  })
  return {
    spec,
    tags,
    labels,
    buildx,
    metadataFile,
    registry: registryOf(spec.name),
  }
}
