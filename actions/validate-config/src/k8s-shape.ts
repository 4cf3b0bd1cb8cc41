// Rule k8s-shape: what the API server would refuse before anything runs.
// Fields a known kind requires, API versions no longer served, labels and
// annotations that are not strings, selectors that miss their own template.
import type { Finding } from './findings.js'
import { describeDoc, findingAt } from './findings.js'
import { KINDS, POD_SPEC_PATHS } from './k8s-kinds.js'
import { matchesSelector } from './selectors.js'
import type { Dict, Doc, Path } from './yaml-source.js'
import { dict, get, isDict, list, str } from './yaml-source.js'

/** Every k8s-shape finding of one manifest document. */
export function shapeFindings(doc: Doc): Finding[] {
  const kind = str(doc.value, 'kind')
  if (kind === undefined) return []
  const findings: Finding[] = []
  const report = (path: Path, message: string): void => {
    findings.push(
      findingAt('k8s-shape', doc, path, `${describeDoc(doc)}: ${message}`),
    )
  }
  const apiVersion = str(doc.value, 'apiVersion')
  const spec = KINDS[kind]
  if (apiVersion === undefined) report(['kind'], 'apiVersion is missing')
  else if (spec !== undefined && !spec.apiVersions.includes(apiVersion)) {
    report(
      ['apiVersion'],
      `apiVersion ${apiVersion} is not served by current Kubernetes; use ${spec.apiVersions.join(' or ')}`,
    )
  }
  if (spec === undefined) {
    checkMetadataValues(doc, ['metadata'], report)
    return findings
  }
  const named =
    str(doc.value, 'metadata', 'name') ??
    str(doc.value, 'metadata', 'generateName')
  if (named === undefined) report(['metadata'], 'metadata.name is missing')
  for (const path of spec.required) {
    if (get(doc.value, ...path) === undefined) {
      report(path, `${path.join('.')} is missing`)
    }
  }
  checkMetadataValues(doc, ['metadata'], report)
  const podPath = POD_SPEC_PATHS[kind]
  if (podPath !== undefined) {
    checkMetadataValues(doc, [...podPath.slice(0, -1), 'metadata'], report)
    checkContainers(doc, podPath, report)
  }
  checkKindRules(doc, kind, report)
  return findings
}

type Report = (path: Path, message: string) => void

/** Labels and annotations are maps of strings: `1` or `true` is refused. */
function checkMetadataValues(doc: Doc, metadata: Path, report: Report): void {
  for (const field of ['labels', 'annotations']) {
    const values = dict(doc.value, ...metadata, field)
    for (const [key, value] of Object.entries(values ?? {})) {
      if (typeof value === 'string') continue
      report(
        [...metadata, field, key],
        `${field} are strings; quote the value of ${key} (${JSON.stringify(value)})`,
      )
    }
  }
}

function checkContainers(doc: Doc, podPath: Path, report: Report): void {
  for (const field of ['initContainers', 'containers']) {
    list(doc.value, ...podPath, field).forEach((container, i) => {
      const path = [...podPath, field, i]
      if (!isDict(container)) {
        report(path, `${field}[${i}] is not a map`)
        return
      }
      if (typeof container['name'] !== 'string') {
        report(path, `${field}[${i}] has no name`)
      }
      if (typeof container['image'] !== 'string') {
        report(path, `${field}[${i}] has no image`)
      }
    })
  }
}

function checkKindRules(doc: Doc, kind: string, report: Report): void {
  const value = doc.value as Dict
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(kind)) {
    const selector = get(value, 'spec', 'selector')
    const labels = dict(value, 'spec', 'template', 'metadata', 'labels')
    if (
      isDict(selector) &&
      labels !== undefined &&
      !matchesSelector(selector, labels)
    ) {
      report(
        ['spec', 'selector'],
        'spec.selector does not match spec.template.metadata.labels',
      )
    }
  }
  if (kind === 'Job' || kind === 'CronJob') {
    const podPath = POD_SPEC_PATHS[kind] ?? []
    const policy = str(value, ...podPath, 'restartPolicy')
    if (policy !== 'Never' && policy !== 'OnFailure') {
      report(
        [...podPath, 'restartPolicy'],
        `${podPath.join('.')}.restartPolicy must be Never or OnFailure (got ${policy ?? 'none, which means Always'})`,
      )
    }
  }
  if (kind === 'Service') checkService(value, report)
  if (kind === 'Ingress') checkIngress(value, report)
  if (kind === 'PodDisruptionBudget') {
    const spec = dict(value, 'spec') ?? {}
    if ('minAvailable' in spec && 'maxUnavailable' in spec) {
      report(
        ['spec', 'maxUnavailable'],
        'set minAvailable or maxUnavailable, not both',
      )
    }
  }
}

function checkService(value: Dict, report: Report): void {
  const type = str(value, 'spec', 'type')
  if (type === 'ExternalName') {
    if (str(value, 'spec', 'externalName') === undefined) {
      report(['spec'], 'spec.externalName is missing for type ExternalName')
    }
    return
  }
  const ports = get(value, 'spec', 'ports')
  // A headless Service may have no ports: it only names the pods.
  if (ports === undefined && str(value, 'spec', 'clusterIP') !== 'None') {
    report(['spec'], 'spec.ports is missing')
  }
  list(value, 'spec', 'ports').forEach((port, i) => {
    if (get(port, 'port') === undefined) {
      report(['spec', 'ports', i], `spec.ports[${i}].port is missing`)
    }
  })
}

function checkIngress(value: Dict, report: Report): void {
  const rules = list(value, 'spec', 'rules')
  if (
    rules.length === 0 &&
    get(value, 'spec', 'defaultBackend') === undefined
  ) {
    report(['spec'], 'spec.rules or spec.defaultBackend is missing')
  }
  rules.forEach((rule, r) => {
    list(rule, 'http', 'paths').forEach((path, p) => {
      const at = ['spec', 'rules', r, 'http', 'paths', p]
      for (const field of ['pathType', 'backend']) {
        if (get(path, field) === undefined) {
          report(at, `spec.rules[${r}].http.paths[${p}].${field} is missing`)
        }
      }
    })
  })
}
