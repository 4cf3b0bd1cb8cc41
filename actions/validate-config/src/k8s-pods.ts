// Rules for the pods a workload runs: k8s-resources (the configured
// requests and limits), k8s-probes (liveness and readiness, startup when
// asked) and k8s-image-tag (a tag other than latest, or a digest; an
// untagged image in a kustomize base is fine when every overlay pins it).
import { tryParseImageRef } from '../../../lib/image-ref/index.js'
import type { Finding } from './findings.js'
import { describeDoc, findingAt } from './findings.js'
import type { ContainerEntry } from './k8s-kinds.js'
import { BATCH_KINDS, containerEntries } from './k8s-kinds.js'
import type { KustomizeModel } from './kustomize.js'
import { pinnedByKustomize } from './kustomize.js'
import type { Doc } from './yaml-source.js'
import { get, str } from './yaml-source.js'

/** What the pod rules ask for. */
export interface PodRules {
  /** Resource fields every container sets, e.g. `requests.cpu`. */
  readonly resources: readonly string[]
  readonly startupProbe: boolean
}

/** Every pod-rule finding of one workload document. */
export function podFindings(
  doc: Doc,
  rules: PodRules,
  kustomize: KustomizeModel,
): Finding[] {
  const kind = str(doc.value, 'kind') ?? ''
  const findings: Finding[] = []
  const owner = describeDoc(doc)
  for (const container of containerEntries(doc.value)) {
    const image = imageFinding(doc, container, kustomize)
    if (image !== undefined) findings.push(image)
    // Init containers run to completion before the pod is ready, and take
    // no probes; ephemeral ones are for debugging.
    if (container.field !== 'containers') continue
    const where = `container ${container.name} of ${owner}`
    const missing = rules.resources.filter(
      (field) =>
        get(container.value, 'resources', ...field.split('.')) === undefined,
    )
    if (missing.length > 0) {
      findings.push(
        findingAt(
          'k8s-resources',
          doc,
          [...container.path, 'resources'],
          `${where} sets no ${missing.map((m) => `resources.${m}`).join(', ')}`,
        ),
      )
    }
    if (BATCH_KINDS.has(kind)) continue
    const probes = ['livenessProbe', 'readinessProbe']
    if (rules.startupProbe) probes.push('startupProbe')
    const noProbe = probes.filter(
      (probe) => container.value[probe] === undefined,
    )
    if (noProbe.length > 0) {
      findings.push(
        findingAt(
          'k8s-probes',
          doc,
          container.path,
          `${where} has no ${noProbe.join(' and no ')}`,
        ),
      )
    }
  }
  return findings
}

function imageFinding(
  doc: Doc,
  container: ContainerEntry,
  kustomize: KustomizeModel,
): Finding | undefined {
  const image = container.value['image']
  // Templated images are the renderer's to fill in.
  if (typeof image !== 'string' || /\{\{|\$\{|\$\(/.test(image))
    return undefined
  const path = [...container.path, 'image']
  const where = `container ${container.name} of ${describeDoc(doc)}`
  const ref = tryParseImageRef(image)
  if (ref === undefined) {
    return findingAt(
      'k8s-image-tag',
      doc,
      path,
      `${where}: ${image} is not an image reference`,
    )
  }
  if (ref.digest !== undefined) return undefined
  if (ref.tag !== undefined && ref.tag !== 'latest') return undefined
  if (pinnedByKustomize(kustomize, doc.file.path, ref)) return undefined
  const why =
    ref.tag === undefined
      ? 'has no tag, so it runs whatever latest is when the pod starts'
      : 'is tagged latest, which moves'
  return findingAt(
    'k8s-image-tag',
    doc,
    path,
    `${where}: image ${image} ${why}; pin a version or a digest`,
  )
}

/** Rule k8s-image-tag for kustomize `images:` entries that set latest. */
export function latestPins(kustomize: KustomizeModel): Finding[] {
  return [...kustomize.kustomizations.values()].flatMap((k) =>
    k.images.flatMap((pin, i) =>
      pin.newTag === 'latest' && pin.digest === undefined
        ? [
            findingAt(
              'k8s-image-tag',
              k.doc,
              ['images', i, 'newTag'],
              `images: sets ${pin.name} to latest, which moves; pin a version or a digest`,
            ),
          ]
        : [],
    ),
  )
}
