// Rules between objects: k8s-hpa, k8s-pdb-selector, k8s-service-selector
// and k8s-network-policy. An object is compared with the objects deployed
// with it: those of the kustomizations applied that bring its file in, or,
// outside kustomize, the files of its folder (Argo CD applies a folder).
import { posix } from 'node:path'
import type { Finding } from './findings.js'
import { describeDoc, findingAt } from './findings.js'
import { podLabelsPath } from './k8s-kinds.js'
import type { KustomizeModel } from './kustomize.js'
import { chain } from './kustomize.js'
import { describeSelector, matchesMap, matchesSelector } from './selectors.js'
import type { Doc } from './yaml-source.js'
import { dict, get, str } from './yaml-source.js'

const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'Rollout'])

/** Every finding of the relation rules over all manifest documents. */
export function relationFindings(
  docs: readonly Doc[],
  kustomize: KustomizeModel,
): Finding[] {
  const scopeOf = scopes(docs, kustomize)
  const workloads = docs.filter(
    (d) => podLabelsPath(str(d.value, 'kind') ?? '') !== undefined,
  )
  const findings: Finding[] = []
  for (const doc of docs) {
    const peers = (): Doc[] => {
      const scope = scopeOf(doc.file.path)
      return workloads.filter(
        (w) => scope.has(w.file.path) && sameNamespace(w, doc),
      )
    }
    switch (str(doc.value, 'kind')) {
      case 'HorizontalPodAutoscaler':
        findings.push(...hpaFindings(doc, peers))
        break
      case 'PodDisruptionBudget':
        findings.push(...selectorFinding(doc, peers(), 'k8s-pdb-selector'))
        break
      case 'Service':
        findings.push(...selectorFinding(doc, peers(), 'k8s-service-selector'))
        break
    }
  }
  findings.push(...networkPolicyFindings(docs, workloads, kustomize))
  return findings
}

function hpaFindings(doc: Doc, peers: () => Doc[]): Finding[] {
  const findings: Finding[] = []
  const min = get(doc.value, 'spec', 'minReplicas') ?? 1
  const max = get(doc.value, 'spec', 'maxReplicas')
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    findings.push(
      findingAt(
        'k8s-hpa',
        doc,
        ['spec', 'minReplicas'],
        `${describeDoc(doc)}: minReplicas ${min} is more than maxReplicas ${max}`,
      ),
    )
  }
  const kind = str(doc.value, 'spec', 'scaleTargetRef', 'kind') ?? ''
  const name = str(doc.value, 'spec', 'scaleTargetRef', 'name')
  if (!SCALABLE.has(kind) || name === undefined) return findings
  const found = peers().some(
    (w) =>
      str(w.value, 'kind') === kind &&
      str(w.value, 'metadata', 'name') === name,
  )
  if (!found) {
    findings.push(
      findingAt(
        'k8s-hpa',
        doc,
        ['spec', 'scaleTargetRef', 'name'],
        `${describeDoc(doc)}: scaleTargetRef ${kind} ${name} is not among the manifests deployed with it`,
      ),
    )
  }
  return findings
}

function selectorFinding(
  doc: Doc,
  peers: readonly Doc[],
  rule: 'k8s-pdb-selector' | 'k8s-service-selector',
): Finding[] {
  const plain = rule === 'k8s-service-selector'
  const selector = dict(doc.value, 'spec', 'selector')
  // A Service without a selector has its endpoints managed by hand.
  if (selector === undefined) return []
  if (plain && Object.keys(selector).length === 0) return []
  const selects = (w: Doc): boolean => {
    const labels =
      dict(w.value, ...(podLabelsPath(str(w.value, 'kind') ?? '') ?? [])) ?? {}
    return plain
      ? matchesMap(selector, labels)
      : matchesSelector(selector, labels)
  }
  if (peers.some(selects)) return []
  const what =
    peers.length === 0
      ? 'no workload is deployed with it'
      : 'no workload deployed with it has those pod labels'
  return [
    findingAt(
      rule,
      doc,
      ['spec', 'selector'],
      `${describeDoc(doc)} selects no pods: ${describeSelector(selector, plain)}, and ${what}`,
    ),
  ]
}

function networkPolicyFindings(
  docs: readonly Doc[],
  workloads: readonly Doc[],
  kustomize: KustomizeModel,
): Finding[] {
  const covered = new Set(
    docs
      .filter((d) => str(d.value, 'kind') === 'NetworkPolicy')
      .flatMap((d) => namespacesOf(d, kustomize)),
  )
  const firstIn = new Map<string, Doc>()
  for (const w of workloads) {
    for (const ns of namespacesOf(w, kustomize)) {
      if (!covered.has(ns) && !firstIn.has(ns)) firstIn.set(ns, w)
    }
  }
  return [...firstIn].map(([ns, w]) =>
    findingAt(
      'k8s-network-policy',
      w,
      ['kind'],
      `namespace ${ns} runs ${describeDoc(w)} but no NetworkPolicy of the set applies there`,
    ),
  )
}

/** The namespaces a document lands in: its own, or the one kustomize sets. */
export function namespacesOf(doc: Doc, kustomize: KustomizeModel): string[] {
  const own = str(doc.value, 'metadata', 'namespace')
  const roots = kustomize.roots.filter((r) =>
    kustomize.closures.get(r)?.has(doc.file.path),
  )
  if (roots.length === 0) return own === undefined ? [] : [own]
  return roots.flatMap((root) => {
    // The outermost kustomization that sets a namespace wins.
    const set = chain(kustomize, root)
      .filter((path) => kustomize.closures.get(path)?.has(doc.file.path))
      .map((path) => kustomize.kustomizations.get(path)?.namespace)
      .find((ns) => ns !== undefined)
    const ns = set ?? own
    return ns === undefined ? [] : [ns]
  })
}

function sameNamespace(a: Doc, b: Doc): boolean {
  const x = str(a.value, 'metadata', 'namespace')
  const y = str(b.value, 'metadata', 'namespace')
  return x === undefined || y === undefined || x === y
}

/** For each file, the files deployed with it. */
export function scopes(
  docs: readonly Doc[],
  kustomize: KustomizeModel,
): (file: string) => ReadonlySet<string> {
  const managed = new Set(
    [...kustomize.closures.values()].flatMap((s) => [...s]),
  )
  const byDir = new Map<string, Set<string>>()
  for (const doc of docs) {
    const path = doc.file.path
    if (managed.has(path)) continue
    const dir = posix.dirname(path)
    byDir.set(dir, (byDir.get(dir) ?? new Set()).add(path))
  }
  return (file) => {
    const roots = kustomize.roots.filter((r) =>
      kustomize.closures.get(r)?.has(file),
    )
    if (roots.length === 0)
      return byDir.get(posix.dirname(file)) ?? new Set([file])
    return new Set(roots.flatMap((r) => [...(kustomize.closures.get(r) ?? [])]))
  }
}
