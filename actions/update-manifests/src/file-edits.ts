// Plans the edits of one run on a tree: every file the `files` globs match
// is scanned for the requested images, then the explicit targets are set.
// Nothing is written here; the caller writes, diffs or commits the result.
import { expandGlob } from '../../../lib/files/index.js'
import { parseImageRef } from '../../../lib/image-ref/index.js'
import { quote } from '../../../lib/runner/index.js'
import {
  YamlEditError,
  formatPath,
  setImages,
  setListElementField,
  setScalar,
} from '../../../lib/yaml/index.js'
import type { EditOptions, ValueChange } from '../../../lib/yaml/index.js'
import type { ImageRequest } from './requests.js'
import type { Target } from './targets.js'
import { resolveValue } from './targets.js'
import { readTreeFile } from './tree-files.js'

/** One value changed in one file. */
export interface Change extends ValueChange {
  readonly file: string
}

/** A file the run changes, before and after. */
export interface FileEdit {
  readonly path: string
  readonly before: string
  readonly after: string
  readonly changes: readonly Change[]
}

/** What a run would change, and what it could not read. */
export interface EditPlan {
  readonly edits: readonly FileEdit[]
  /** Places that name each image, by repository, changed or not. */
  readonly found: ReadonlyMap<string, number>
  /** Files skipped because they are not YAML (Helm templates, say). */
  readonly skipped: readonly { file: string; reason: string }[]
  readonly scanned: number
}

/** What to change and where. */
export interface EditRequest {
  readonly files: readonly string[]
  readonly images: readonly ImageRequest[]
  readonly targets: readonly Target[]
  readonly options: EditOptions
  /** When set, only these files (git's tracked files) are edited. */
  readonly tracked?: ReadonlySet<string>
}

/** An edit the user asked for that cannot be made; names file and reason. */
export class EditFailure extends Error {
  override readonly name = 'EditFailure'
}

/** Plans every edit on the tree at `root`; throws EditFailure on the first that cannot be made. */
export function planEdits(root: string, request: EditRequest): EditPlan {
  const texts = new Map<string, { before: string; after: string }>()
  const changes = new Map<string, Change[]>()
  const skipped: { file: string; reason: string }[] = []
  const read = (
    file: string,
    strict: boolean,
  ): { before: string; after: string } | undefined => {
    let entry = texts.get(file)
    if (entry === undefined) {
      const loaded = readTreeFile(root, file)
      if ('skip' in loaded) {
        if (strict) throw new EditFailure(`${file}: ${loaded.skip}`)
        if (!skipped.some((s) => s.file === file)) {
          skipped.push({ file, reason: loaded.skip })
        }
        return undefined
      }
      entry = { before: loaded.text, after: loaded.text }
      texts.set(file, entry)
    }
    return entry
  }
  const record = (file: string, made: readonly ValueChange[]): void => {
    const list = changes.get(file) ?? []
    list.push(...made.map((change) => ({ ...change, file })))
    changes.set(file, list)
  }
  const found = new Map(request.images.map((i) => [i.repository, 0]))
  const scanned = scanFiles(root, request.files)
  // A file that does not mention an image's last path segment, as a whole
  // segment, cannot name it: most files of a large tree are never parsed.
  const needles = request.images.map((image) => ({
    image,
    needle: segmentPattern(image.repository),
  }))
  for (const file of scanned) {
    if (request.tracked !== undefined && !request.tracked.has(file)) {
      skipped.push({ file, reason: 'not tracked by git, so never committed' })
      continue
    }
    const entry = read(file, false)
    if (entry === undefined) continue
    const text = entry.after
    const images = needles
      .filter(({ needle }) => needle.test(text))
      .map(({ image }) => image)
    if (images.length === 0) continue
    try {
      const result = setImages(text, images, request.options)
      images.forEach((image, i) => {
        const count =
          (found.get(image.repository) ?? 0) + (result.counts[i] ?? 0)
        found.set(image.repository, count)
      })
      entry.after = result.text
      record(file, result.changes)
    } catch (error: unknown) {
      if (!(error instanceof YamlEditError)) throw error
      if (!error.message.startsWith('invalid YAML')) {
        throw new EditFailure(`${file}: ${inputHint(error.message)}`)
      }
      // A Helm template, say: not YAML until rendered.
      const reason = error.message.split('\n')[0] ?? error.message
      skipped.push({ file, reason })
    }
  }
  for (const target of request.targets) {
    const files = expandGlob(target.file, root)
    if (files.length === 0) {
      throw new EditFailure(`target file ${quote(target.file)} matches no file`)
    }
    for (const file of files) {
      if (request.tracked !== undefined && !request.tracked.has(file)) {
        throw new EditFailure(`target file ${file} is not tracked by git`)
      }
      const entry = read(file, true)
      if (entry === undefined) continue
      const value = resolveValue(target.value, request.images)
      try {
        const result =
          target.kind === 'path'
            ? setScalar(entry.after, target.path, value, {
                ...request.options,
                ...(target.document === undefined
                  ? {}
                  : { docIndex: target.document }),
              })
            : setListElementField(entry.after, {
                ...(target.generatorPath === undefined
                  ? {}
                  : { generatorPath: target.generatorPath }),
                match: target.match,
                field: target.field,
                value,
              })
        entry.after = result.text
        record(file, result.changes)
        // A target that takes an image's version is a place naming it.
        if ('image' in target.value) {
          const name = target.value.image
          found.set(name, (found.get(name) ?? 0) + 1)
        }
      } catch (error: unknown) {
        if (!(error instanceof YamlEditError)) throw error
        const where =
          target.kind === 'path' ? ` at ${formatPath(target.path)}` : ''
        throw new EditFailure(`${file}${where}: ${inputHint(error.message)}`)
      }
    }
  }
  const edits: FileEdit[] = []
  for (const [path, { before, after }] of [...texts].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (before !== after) {
      edits.push({ path, before, after, changes: changes.get(path) ?? [] })
    }
  }
  return { edits, found, skipped, scanned: scanned.length }
}

// lib/yaml speaks of options; the user sets inputs.
function inputHint(message: string): string {
  return message.replace(
    'allow edits through aliases',
    'set allow-alias-edits: true',
  )
}

/** The files the globs match, less those a `!glob` line excludes. */
function scanFiles(root: string, globs: readonly string[]): string[] {
  const files = new Set<string>()
  const excluded = new Set<string>()
  for (const glob of globs) {
    const exclude = glob.startsWith('!')
    const matched = expandGlob(exclude ? glob.slice(1) : glob, root)
    for (const file of matched) (exclude ? excluded : files).add(file)
  }
  return [...files].filter((file) => !excluded.has(file)).sort()
}

/**
 * The image's last path segment as a whole segment: after the start, a `/`,
 * space, quote or flow punctuation, and before a tag, digest, quote, space,
 * comment or the end. `web` finds `org/web:1` but not `web-12`.
 */
function segmentPattern(repository: string): RegExp {
  const path = parseImageRef(repository).repository
  const segment = path.slice(path.lastIndexOf('/') + 1)
  const escaped = segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?:^|[\\s/'"[{,:])${escaped}(?=$|[\\s:@'",}\\]#])`, 'im')
}
