import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import {
  formatImageRef,
  parseImageRef,
  sameRepository,
  withVersion,
} from '../../../lib/image-ref/index.js'
import { seededRandom } from '../../../test/support/random.js'
import type { EditPlan } from '../src/file-edits.js'
import { planEdits } from '../src/file-edits.js'
import type { ImageRequest } from '../src/requests.js'
import { changedLines } from './platform.js'
import type { Place, RandomFile } from './random-manifests.js'
import { ManifestGenerator, TAGS, WANTED } from './random-manifests.js'

// Properties of planEdits (DESIGN.md, tests layer 5) on random files: only
// the lines that hold a requested image's version change, each to exactly
// the new version, read back as a string; and the same edit run again on
// the result changes nothing. A failure names its seed, to replay it.

const RUNS = 150
/** What the runs did, so the property cannot pass by changing nothing. */
const seen = { changedLines: 0, quotedTags: 0, decoysKept: 0 }
const root = mkdtempSync(join(tmpdir(), 'cortex-property-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** One to three of the wanted images, each written one of its ways. */
function randomRequests(next: () => number): ImageRequest[] {
  const shuffled = [...WANTED].sort(() => next() - 0.5)
  const count = 1 + Math.floor(next() * 3)
  return shuffled.slice(0, count).map((names) => ({
    repository: names[Math.floor(next() * names.length)] ?? '',
    tag: TAGS[Math.floor(next() * TAGS.length)] ?? '',
  }))
}

function requestFor(place: Place, requests: readonly ImageRequest[]) {
  const name = parseImageRef(place.name)
  return requests.find((r) => sameRepository(parseImageRef(r.repository), name))
}

/** The value YAML reads from one edited line, quoting and all. */
function valueOn(line: string, key: Place['key']): unknown {
  const body = line.trim().replace(/^- /, '')
  const read: unknown = parse(body)
  return typeof read === 'object' && read !== null
    ? (read as Record<string, unknown>)[key]
    : undefined
}

/** What a place must hold after the edit. */
function expected(place: Place, tag: string): string {
  if (place.key !== 'image') return tag
  return formatImageRef(withVersion(parseImageRef(place.written), { tag }))
}

function run(files: readonly RandomFile[], requests: ImageRequest[]): EditPlan {
  return planEdits(root, {
    files: files.map((_, i) => `case/f${i}.yaml`),
    images: requests,
    targets: [],
    options: {},
  })
}

describe('planEdits on random manifests', () => {
  it.each(Array.from({ length: RUNS }, (_, i) => i + 1))(
    'changes only the target values, once (seed %i)',
    (seed) => {
      const next = seededRandom(seed)
      const generator = new ManifestGenerator(next)
      const files = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
        generator.file(),
      )
      const requests = randomRequests(next)
      rmSync(join(root, 'case'), { recursive: true, force: true })
      mkdirSync(join(root, 'case'))
      files.forEach((file, i) => {
        writeFileSync(join(root, 'case', `f${i}.yaml`), file.text)
      })

      const plan = run(files, requests)
      const edits = new Map(plan.edits.map((e) => [e.path, e]))
      files.forEach((file, i) => {
        const edit = edits.get(`case/f${i}.yaml`)
        const after = edit?.after ?? file.text
        const targets = file.places.filter(
          (p) => requestFor(p, requests) !== undefined,
        )
        const allowed = new Set(targets.map((p) => p.line))
        const lines = after.split('\n')
        const changed = changedLines(file.text, after)
        seen.changedLines += changed.length
        seen.decoysKept += file.places.length - targets.length
        seen.quotedTags += changed.filter((n) =>
          /(?:newTag|tag): ['"][0-9.]+['"]/.test(lines[n - 1] ?? ''),
        ).length
        for (const line of changed) {
          expect({ line, allowed: allowed.has(line) }).toEqual({
            line,
            allowed: true,
          })
        }
        for (const place of targets) {
          const tag = requestFor(place, requests)?.tag ?? ''
          expect({
            line: place.line,
            value: valueOn(lines[place.line - 1] ?? '', place.key),
          }).toEqual({ line: place.line, value: expected(place, tag) })
        }
        expect(edit === undefined).toBe(after === file.text)
      })

      for (const edit of plan.edits) {
        writeFileSync(join(root, edit.path), edit.after)
      }
      expect(run(files, requests).edits).toEqual([])
    },
  )

  it('edited, quoted numeric tags and passed decoys by in those runs', () => {
    expect(seen.changedLines).toBeGreaterThan(RUNS)
    expect(seen.quotedTags).toBeGreaterThan(RUNS / 10)
    expect(seen.decoysKept).toBeGreaterThan(RUNS)
  })
})
