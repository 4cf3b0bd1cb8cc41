// The Argo CD rules over every manifest document: sync waves on any
// object, the shape of Applications, ApplicationSets and AppProjects, what
// each project allows, and ApplicationSet templates rendered per element.
import type { AppView, ViewProblem } from './argocd-apps.js'
import {
  appSetProblems,
  appSpecProblems,
  projectProblems,
  waveProblems,
} from './argocd-apps.js'
import { projectPermitProblems } from './argocd-project.js'
import { renderElements } from './appset-render.js'
import type { Finding } from './findings.js'
import { describeDoc, findingAt } from './findings.js'
import type { Doc } from './yaml-source.js'
import { str } from './yaml-source.js'

/** Every Argo CD finding of the manifest documents. */
export function argoFindings(docs: readonly Doc[]): Finding[] {
  const isArgo = (d: Doc): boolean =>
    (str(d.value, 'apiVersion') ?? '').startsWith('argoproj.io/')
  const projects = new Map<string, unknown>()
  for (const doc of docs) {
    const name = str(doc.value, 'metadata', 'name')
    if (
      isArgo(doc) &&
      str(doc.value, 'kind') === 'AppProject' &&
      name !== undefined
    ) {
      projects.set(name, doc.value)
    }
  }
  const findings: Finding[] = []
  const add = (
    doc: Doc,
    problems: readonly ViewProblem[],
    base: readonly (string | number)[] = [],
  ): void => {
    for (const p of problems) {
      findings.push(
        findingAt(
          p.rule,
          doc,
          [...base, ...p.path],
          `${describeDoc(doc)}: ${p.message}`,
        ),
      )
    }
  }
  for (const doc of docs) {
    add(doc, waveProblems(doc.value, ['metadata']))
    if (!isArgo(doc)) continue
    const label = describeDoc(doc)
    switch (str(doc.value, 'kind')) {
      case 'Application': {
        const view: AppView = { label, value: doc.value, base: [] }
        add(doc, [
          ...appSpecProblems(view),
          ...projectPermitProblems(view, projects),
        ])
        break
      }
      case 'AppProject':
        add(doc, projectProblems(doc.value))
        break
      case 'ApplicationSet':
        add(doc, appSetProblems(doc.value))
        findings.push(...appSetFindings(doc, projects))
        break
    }
  }
  return findings
}

/**
 * The template of an ApplicationSet, once per list element: keys elements
 * lack, and the rendered Application's problems, each said once with the
 * elements it concerns.
 */
function appSetFindings(
  doc: Doc,
  projects: ReadonlyMap<string, unknown>,
): Finding[] {
  const label = describeDoc(doc)
  const base = ['spec', 'template']
  const renders = renderElements(doc.value)
  const findings: Finding[] = []
  const template = (doc.value as { spec?: { template?: unknown } }).spec
    ?.template
  if (renders.length === 0) {
    // Other generators: their parameters are known only in the cluster.
    const view: AppView = { label, value: template, base }
    for (const p of [
      ...appSpecProblems(view),
      ...waveProblems(template, ['metadata']),
    ]) {
      findings.push(
        findingAt(p.rule, doc, [...base, ...p.path], `${label}: ${p.message}`),
      )
    }
    return findings
  }
  const grouped = new Map<
    string,
    { problem: ViewProblem; elements: string[] }
  >()
  for (const render of renders) {
    const seen = new Set<string>()
    for (const missing of render.missing) {
      if (seen.has(missing.key)) continue
      seen.add(missing.key)
      findings.push(
        findingAt(
          'argocd-appset-template',
          doc,
          render.path,
          `${label}: list element ${render.label} has no key ${missing.key}, which ${['spec', 'template', ...missing.usedAt].join('.')} uses (${missing.action})`,
        ),
      )
    }
    const view: AppView = {
      label,
      value: render.template,
      base,
      element: render.label,
    }
    const problems = [
      ...appSpecProblems(view),
      ...projectPermitProblems(view, projects),
      ...waveProblems(render.template, ['metadata']),
    ]
    for (const problem of problems) {
      const key = `${problem.rule}\u0000${problem.path.join('.')}\u0000${problem.message}`
      const group = grouped.get(key) ?? { problem, elements: [] }
      group.elements.push(render.label)
      grouped.set(key, group)
    }
  }
  for (const { problem, elements } of grouped.values()) {
    const which =
      elements.length === renders.length
        ? 'every element'
        : `element ${elements.join(', ')}`
    findings.push(
      findingAt(
        problem.rule,
        doc,
        [...base, ...problem.path],
        `${label} (${which}): ${problem.message}`,
      ),
    )
  }
  return findings
}
