// The platforms of a pushed image, read from its index. Buildx stores
// provenance and SBOM attestations in the index beside the images, with
// platform unknown/unknown; they are not platforms (CASES.md C29).

/** One entry of an OCI image index, as far as it is read here. */
interface IndexEntry {
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown }
  annotations?: Record<string, unknown>
}

/** The annotation buildx marks an attestation manifest with. */
export const REFERENCE_TYPE = 'vnd.docker.reference.type'

/** Whether an index entry is an attestation rather than an image. */
export function isAttestation(entry: IndexEntry): boolean {
  if (entry.annotations?.[REFERENCE_TYPE] === 'attestation-manifest') {
    return true
  }
  const { os, architecture } = entry.platform ?? {}
  return os === 'unknown' && architecture === 'unknown'
}

/**
 * The `os/arch[/variant]` of each image in an index, in its order; undefined
 * when the JSON is one manifest rather than an index. Throws on text that is
 * not JSON.
 */
export function indexPlatforms(raw: string): string[] | undefined {
  const parsed: unknown = JSON.parse(raw)
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { manifests } = parsed as { manifests?: unknown }
  if (!Array.isArray(manifests)) return undefined
  const platforms = (manifests as IndexEntry[])
    .filter((entry) => typeof entry === 'object' && entry !== null)
    .filter((entry) => !isAttestation(entry))
    .flatMap((entry) => {
      const { os, architecture, variant } = entry.platform ?? {}
      if (typeof os !== 'string' || typeof architecture !== 'string') return []
      const tail = typeof variant === 'string' && variant ? `/${variant}` : ''
      return [`${os}/${architecture}${tail}`]
    })
  return [...new Set(platforms)]
}
