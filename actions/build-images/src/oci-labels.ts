// The OCI labels of an image, and the same keys as annotations, so that a
// registry that reads only the index (GHCR, for a multi-platform image) can
// still show the description, source and licence (CASES.md C29).

/** What the labels are made from. */
export interface LabelSource {
  /** The image name, lower-cased: `ghcr.io/org/api`. */
  readonly image: string
  /** The tags' semver version, without `v`. */
  readonly version?: string
  /** The first tag, the version when there is none. */
  readonly firstTag: string
  /** The full commit built (a pull request's head, C26). */
  readonly revision: string
  readonly created: Date
  /** `https://github.com/org/repo`. */
  readonly sourceUrl?: string
  readonly description?: string
  readonly licenses?: string
  /** The user's own labels, which win over the ones made here. */
  readonly extra: Readonly<Record<string, string>>
}

/** Where an annotation goes: on the index or on each platform's manifest. */
export type AnnotationLevel = 'index' | 'manifest'

const OCI = 'org.opencontainers.image'

/** The `org.opencontainers.image.*` labels, then the user's own. */
export function ociLabels(source: LabelSource): Record<string, string> {
  const labels: Record<string, string> = {
    [`${OCI}.title`]: source.image.slice(source.image.lastIndexOf('/') + 1),
  }
  if (source.description !== undefined) {
    labels[`${OCI}.description`] = source.description
  }
  if (source.sourceUrl !== undefined) labels[`${OCI}.source`] = source.sourceUrl
  labels[`${OCI}.revision`] = source.revision
  labels[`${OCI}.version`] = source.version ?? source.firstTag
  labels[`${OCI}.created`] = source.created.toISOString()
  if (source.licenses !== undefined) labels[`${OCI}.licenses`] = source.licenses
  return { ...labels, ...source.extra }
}

/**
 * Where annotations belong. A pushed build that makes an index (several
 * platforms, or attestations beside the image) is read by registries from
 * the index; anything else is one manifest.
 */
export function annotationLevel(build: {
  readonly push: boolean
  readonly platforms: readonly string[]
  readonly attestations: boolean
}): AnnotationLevel {
  const makesIndex = build.platforms.length > 1 || build.attestations
  return build.push && makesIndex ? 'index' : 'manifest'
}

/** The OCI labels as `--annotation <level>:<key>=<value>` arguments. */
export function annotationArgs(
  labels: Readonly<Record<string, string>>,
  level: AnnotationLevel,
): string[] {
  return Object.entries(labels)
    .filter(([key]) => key.startsWith(`${OCI}.`))
    .flatMap(([key, value]) => ['--annotation', `${level}:${key}=${value}`])
}
