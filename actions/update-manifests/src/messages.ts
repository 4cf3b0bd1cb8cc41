// The words of a run: the commit message, the pull request's branch, title
// and body. One change list feeds all of them.
import { createHash } from 'node:crypto'
import { parseImageRef } from '../../../lib/image-ref/index.js'
import type { Change } from './file-edits.js'
import type { ImageRequest } from './requests.js'
import type { Target } from './targets.js'

const MAX_SUBJECT = 72
const MAX_BRANCH_SLUG = 60

/** `api:1.4.1, worker@sha256:0a1b2c3d4e5f` for a subject line. */
export function describeImages(images: readonly ImageRequest[]): string {
  return images
    .map((image) => {
      const name = lastSegment(image.repository)
      if (image.tag !== undefined) return `${name}:${image.tag}`
      return `${name}@${(image.digest ?? '').slice(0, 19)}`
    })
    .join(', ')
}

/** The subject the commit and the pull request share. */
export function defaultSubject(images: readonly ImageRequest[]): string {
  if (images.length === 0) return 'chore(deploy): update manifests'
  const subject = `chore(deploy): set ${describeImages(images)}`
  if (subject.length <= MAX_SUBJECT) return subject
  return `chore(deploy): set ${images.length} images`
}

/** One line per change: `file: path old → new`. */
export function changeLines(changes: readonly Change[]): string[] {
  return changes.map(
    (c) => `${c.file}:${c.line} ${c.path}: ${c.old ?? '(added)'} → ${c.new}`,
  )
}

/** The commit message: the subject, then every change. */
export function commitMessage(
  subject: string,
  changes: readonly Change[],
): string {
  return `${subject}\n\n${changeLines(changes).join('\n')}\n`
}

/**
 * One branch per target and version: the images and versions in the name,
 * and a short hash of the files and targets, so staging's and production's
 * updates to the same version never share a branch.
 */
export function defaultBranch(
  prefix: string,
  images: readonly ImageRequest[],
  files: readonly string[],
  targets: readonly Target[],
): string {
  const hash = createHash('sha256')
    .update(JSON.stringify({ images, files, targets }))
    .digest('hex')
    .slice(0, 8)
  let slug = images
    .map(
      (i) =>
        `${lastSegment(i.repository)}-${i.tag ?? (i.digest ?? '').slice(7, 19)}`,
    )
    .join('-')
  slug = slug.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/\.{2,}/g, '.')
  if (slug === '' || slug.length > MAX_BRANCH_SLUG) {
    slug = images.length === 0 ? 'targets' : `${images.length}-images`
  }
  return `${prefix}${slug}-${hash}`
}

/** The pull request's body: what changes, as a table. */
export function pullBody(changes: readonly Change[]): string {
  const rows = changes.map(
    (c) =>
      `| \`${c.file}\` | \`${c.path}\` | ${code(c.old)} | ${code(c.new)} |`,
  )
  return [
    'Image updates made by cortex-actions/update-manifests.',
    '',
    '| file | path | old | new |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n')
}

function code(value: string | null): string {
  return value === null ? '(added)' : `\`${value.replaceAll('|', '\\|')}\``
}

function lastSegment(repository: string): string {
  const path = parseImageRef(repository).repository
  return path.slice(path.lastIndexOf('/') + 1)
}
