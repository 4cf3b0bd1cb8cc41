// The stage's core: every check over the files under the globs, findings
// sorted by place. It reads files and nothing else of the world, so the
// action, the local runner and the tests call it alike.
import { tryParseImageRef } from '../../../lib/image-ref/index.js'
import type { ImageRef } from '../../../lib/image-ref/index.js'
import { argoFindings } from './argocd.js'
import type { Finding } from './findings.js'
import { sortFindings } from './findings.js'
import { POD_SPEC_PATHS, containerEntries } from './k8s-kinds.js'
import type { PodRules } from './k8s-pods.js'
import { latestPins, podFindings } from './k8s-pods.js'
import { relationFindings } from './k8s-relations.js'
import { shapeFindings } from './k8s-shape.js'
import { readKustomizations, unusedPins } from './kustomize.js'
import { loadFiles } from './load.js'
import { callFindings } from './workflow-calls.js'
import type { PinPolicy } from './workflow-hardening.js'
import {
  concurrencyFindings,
  permissionFindings,
  pinFindings,
} from './workflow-hardening.js'
import { injectionFindings } from './workflow-injection.js'
import { parserFindings } from './workflow-parse.js'
import type { Doc, YamlFile } from './yaml-source.js'
import { str } from './yaml-source.js'

/** What to check and how. */
export interface ValidateOptions {
  /** The folder the globs and the findings' paths are relative to. */
  readonly root: string
  /** Globs of the files to check; `!` excludes. */
  readonly files: readonly string[]
  readonly pods: PodRules
  readonly pins: PinPolicy
}

/** The files checked and everything found, in file and line order. */
export interface Validation {
  readonly files: readonly YamlFile[]
  readonly findings: readonly Finding[]
}

/** Checks every file under the globs. */
export function validateConfig(options: ValidateOptions): Validation {
  const { files, findings } = loadFiles(options.root, options.files)
  const kustomize = readKustomizations(options.root, files)
  findings.push(...kustomize.findings)
  const manifests = files
    .filter((f) => f.kind === 'manifests')
    .flatMap((f) => f.docs)
    .filter((d) => str(d.value, 'kind') !== undefined)
  for (const doc of manifests) {
    findings.push(...shapeFindings(doc))
    if (POD_SPEC_PATHS[str(doc.value, 'kind') ?? ''] !== undefined) {
      findings.push(...podFindings(doc, options.pods, kustomize.model))
    }
  }
  const imagesOf = (file: string): ImageRef[] =>
    manifests
      .filter((d) => d.file.path === file)
      .flatMap((d) => containerEntries(d.value))
      .flatMap((c) => {
        const ref = tryParseImageRef(String(c.value['image']))
        return ref === undefined ? [] : [ref]
      })
  findings.push(...latestPins(kustomize.model))
  findings.push(...unusedPins(kustomize.model, imagesOf))
  findings.push(...relationFindings(manifests, kustomize.model))
  findings.push(...argoFindings(manifests))
  for (const file of files) {
    if (file.kind === 'workflow' || file.kind === 'action') {
      findings.push(...workflowFindings(file, options, files))
    }
  }
  return { files, findings: sortFindings(findings) }
}

function workflowFindings(
  file: YamlFile,
  options: ValidateOptions,
  files: readonly YamlFile[],
): Finding[] {
  const findings = parserFindings(file)
  const doc: Doc | undefined = file.docs[0]
  if (doc === undefined) return findings
  if (file.kind === 'workflow') {
    findings.push(
      ...callFindings(doc, {
        root: options.root,
        files,
        ...(options.pins.repository === undefined
          ? {}
          : { repository: options.pins.repository }),
      }),
      ...permissionFindings(doc),
      ...concurrencyFindings(doc),
    )
  }
  findings.push(...injectionFindings(doc), ...pinFindings(doc, options.pins))
  return findings
}
