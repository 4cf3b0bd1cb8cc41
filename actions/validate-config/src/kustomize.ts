// kustomize: which files each kustomization brings in (its closure, through
// the kustomizations it names), the images its `images:` pin, the namespace
// it sets, and rule kustomize-reference for what it names but is not there.
import { existsSync, statSync } from 'node:fs'
import { join, posix } from 'node:path'
import type { ImageRef } from '../../../lib/image-ref/index.js'
import {
  sameRepository,
  tryParseImageRef,
} from '../../../lib/image-ref/index.js'
import type { Finding } from './findings.js'
import { findingAt } from './findings.js'
import type { Doc, Path, YamlFile } from './yaml-source.js'
import { get, list, str, text } from './yaml-source.js'

/** One `images:` entry. */
export interface ImagePin {
  readonly name: string
  readonly newTag?: string
  readonly digest?: string
}

/** One kustomization, as read. */
export interface Kustomization {
  readonly path: string
  readonly doc: Doc
  /** Manifest files it names directly. */
  readonly files: string[]
  /** Paths of the kustomizations it names (resources, bases, components). */
  readonly children: string[]
  readonly images: ImagePin[]
  readonly namespace?: string
}

/** Every kustomization of the set and how they include one another. */
export interface KustomizeModel {
  readonly kustomizations: ReadonlyMap<string, Kustomization>
  /** Kustomization path → every manifest file it brings in. */
  readonly closures: ReadonlyMap<string, ReadonlySet<string>>
  /** Kustomizations no other kustomization names: the ones applied. */
  readonly roots: readonly string[]
}

const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization']
const REMOTE =
  /^(?:[a-z][a-z0-9+.-]*:\/\/|git@|github\.com\/|gitlab\.com\/)|\?ref=/i

/** Reads every kustomization, and reports what they name that is missing. */
export function readKustomizations(
  root: string,
  files: readonly YamlFile[],
): { model: KustomizeModel; findings: Finding[] } {
  const findings: Finding[] = []
  const kustomizations = new Map<string, Kustomization>()
  for (const file of files) {
    const doc = file.docs[0]
    if (file.kind !== 'kustomization' || doc === undefined) continue
    kustomizations.set(file.path, readOne(root, doc, findings))
  }
  const closures = new Map<string, Set<string>>()
  const closure = (path: string, seen: Set<string>): Set<string> => {
    const done = closures.get(path)
    if (done !== undefined) return done
    const k = kustomizations.get(path)
    const result = new Set<string>(k?.files ?? [])
    // A cycle is kustomize's error to report; here it just stops.
    if (k === undefined || seen.has(path)) return result
    seen.add(path)
    for (const child of k.children) {
      for (const file of closure(child, seen)) result.add(file)
    }
    closures.set(path, result)
    return result
  }
  for (const path of kustomizations.keys()) closure(path, new Set())
  const named = new Set([...kustomizations.values()].flatMap((k) => k.children))
  const roots = [...kustomizations.keys()].filter((path) => !named.has(path))
  return { model: { kustomizations, closures, roots }, findings }
}

function readOne(root: string, doc: Doc, findings: Finding[]): Kustomization {
  const dir = posix.dirname(doc.file.path)
  const files: string[] = []
  const children: string[] = []
  const report = (path: Path, message: string): void => {
    findings.push(findingAt('kustomize-reference', doc, path, message))
  }
  for (const field of ['resources', 'bases', 'components']) {
    list(doc.value, field).forEach((entry, i) => {
      if (typeof entry !== 'string' || REMOTE.test(entry)) return
      const target = posix.normalize(posix.join(dir, entry))
      const kind = kindOnDisk(root, target)
      if (kind === 'file') files.push(target)
      else if (kind === 'dir') {
        const name = NAMES.find((n) => existsSync(join(root, target, n)))
        if (name === undefined) {
          report(
            [field, i],
            `${field} entry ${entry} is a folder without a kustomization`,
          )
        } else children.push(posix.join(target, name))
      } else report([field, i], `${field} entry ${entry} does not exist`)
    })
  }
  const mustExist = (path: Path, entry: unknown, what: string): void => {
    // An inline patch is YAML text, not a path.
    if (typeof entry !== 'string' || entry.includes('\n') || REMOTE.test(entry))
      return
    const file = entry.replace(/^[^=]*=/, '')
    if (kindOnDisk(root, posix.join(dir, file)) !== 'none') return
    report(path, `${what} ${file} does not exist`)
  }
  list(doc.value, 'patchesStrategicMerge').forEach((entry, i) =>
    mustExist(['patchesStrategicMerge', i], entry, 'patch'),
  )
  list(doc.value, 'crds').forEach((entry, i) =>
    mustExist(['crds', i], entry, 'crd'),
  )
  list(doc.value, 'patches').forEach((patch, i) =>
    mustExist(['patches', i, 'path'], get(patch, 'path'), 'patch'),
  )
  list(doc.value, 'helmCharts').forEach((chart, i) =>
    mustExist(
      ['helmCharts', i, 'valuesFile'],
      get(chart, 'valuesFile'),
      'values file',
    ),
  )
  for (const generator of ['configMapGenerator', 'secretGenerator']) {
    list(doc.value, generator).forEach((entry, i) => {
      list(entry, 'files').forEach((file, f) =>
        mustExist([generator, i, 'files', f], file, 'file'),
      )
      list(entry, 'envs').forEach((file, f) =>
        mustExist([generator, i, 'envs', f], file, 'env file'),
      )
      mustExist([generator, i, 'env'], get(entry, 'env'), 'env file')
    })
  }
  const images = list(doc.value, 'images').flatMap((entry): ImagePin[] => {
    const name = str(entry, 'name')
    if (name === undefined) return []
    const newTag = get(entry, 'newTag')
    const digest = str(entry, 'digest')
    return [
      {
        name,
        ...(newTag === undefined || newTag === null
          ? {}
          : { newTag: text(newTag) }),
        ...(digest === undefined ? {} : { digest }),
      },
    ]
  })
  const namespace = str(doc.value, 'namespace')
  return {
    path: doc.file.path,
    doc,
    files,
    children,
    images,
    ...(namespace === undefined ? {} : { namespace }),
  }
}

function kindOnDisk(root: string, path: string): 'file' | 'dir' | 'none' {
  try {
    const stats = statSync(join(root, path))
    return stats.isDirectory() ? 'dir' : 'file'
  } catch {
    return 'none'
  }
}

/** Whether `pin` names the image `ref` (kustomize matches the whole name). */
export function pinNames(pin: ImagePin, ref: ImageRef): boolean {
  const named = tryParseImageRef(pin.name)
  return named !== undefined && sameRepository(named, ref)
}

/**
 * Whether every applied kustomization that brings `file` in sets a tag or
 * a digest for `ref` on the way, as overlays pin the image a base leaves
 * untagged. A tag of latest counts here: it is reported where it is set.
 */
export function pinnedByKustomize(
  model: KustomizeModel,
  file: string,
  ref: ImageRef,
): boolean {
  const roots = model.roots.filter((r) => model.closures.get(r)?.has(file))
  if (roots.length === 0) return false
  return roots.every((root) =>
    chain(model, root).some(
      (path) =>
        model.closures.get(path)?.has(file) === true &&
        (model.kustomizations.get(path)?.images ?? []).some(
          (pin) =>
            pinNames(pin, ref) &&
            (pin.digest !== undefined || pin.newTag !== undefined),
        ),
    ),
  )
}

/** A kustomization and every kustomization below it. */
export function chain(model: KustomizeModel, root: string): string[] {
  const seen = new Set<string>()
  const visit = (path: string): void => {
    if (seen.has(path)) return
    seen.add(path)
    for (const child of model.kustomizations.get(path)?.children ?? [])
      visit(child)
  }
  visit(root)
  return [...seen]
}

/**
 * Rule kustomize-reference for `images:` entries no container brings in:
 * a misspelt name pins nothing, and the image it meant stays as it was.
 */
export function unusedPins(
  model: KustomizeModel,
  imagesOf: (file: string) => ImageRef[],
): Finding[] {
  const findings: Finding[] = []
  for (const [path, k] of model.kustomizations) {
    const used = [...(model.closures.get(path) ?? [])].flatMap(imagesOf)
    k.images.forEach((pin, i) => {
      if (used.some((ref) => pinNames(pin, ref))) return
      findings.push(
        findingAt(
          'kustomize-reference',
          k.doc,
          ['images', i, 'name'],
          `image ${pin.name} is named in images: but no container of the resources uses it`,
        ),
      )
    })
  }
  return findings
}
