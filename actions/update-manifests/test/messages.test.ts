import { describe, expect, it } from '@jest/globals'
import type { Change, EditPlan } from '../src/file-edits.js'
import {
  commitMessage,
  defaultBranch,
  defaultSubject,
  pullBody,
} from '../src/messages.js'
import type { ImageRequest } from '../src/requests.js'
import { headline, renderSummary } from '../src/summary.js'
import type { UpdateResult } from '../src/update.js'

// The words of a run: commit subject and body, the pull request's branch
// and body, and the summary's first sentence for each way a run ends.

const A = `sha256:${'0a1b2c3d4e5f'.repeat(5)}0a1b`
const CHANGE: Change = {
  file: 'envs/staging/values.yaml',
  path: 'images.app.tag',
  line: 7,
  old: 'v1.0.0',
  new: 'v2.0.0',
}

describe('defaultSubject', () => {
  it.each<[string, ImageRequest[], string]>([
    ['no image', [], 'chore(deploy): update manifests'],
    [
      'a tag',
      [{ repository: 'ghcr.io/org/api', tag: '1.4.1' }],
      'chore(deploy): set api:1.4.1',
    ],
    [
      'a digest, shortened',
      [{ repository: 'ghcr.io/org/api', digest: A }],
      'chore(deploy): set api@sha256:0a1b2c3d4e5f',
    ],
    [
      'two images',
      [
        { repository: 'ghcr.io/org/api', tag: '1.4.1' },
        { repository: 'localhost:5000/team/worker', tag: '1.4.1' },
      ],
      'chore(deploy): set api:1.4.1, worker:1.4.1',
    ],
    [
      'too many for one line',
      ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => ({
        repository: `ghcr.io/org/service-${n}`,
        tag: '1.4.1',
      })),
      'chore(deploy): set 6 images',
    ],
  ])('names %s', (_, images, subject) => {
    expect(defaultSubject(images)).toBe(subject)
  })
})

describe('commitMessage', () => {
  it('lists every change under the subject, an added key as such', () => {
    const added: Change = {
      ...CHANGE,
      path: 'images.app.digest',
      old: null,
      new: A,
    }
    expect(
      commitMessage('chore(deploy): set app:v2.0.0', [CHANGE, added]),
    ).toBe(
      'chore(deploy): set app:v2.0.0\n\n' +
        'envs/staging/values.yaml:7 images.app.tag: v1.0.0 → v2.0.0\n' +
        `envs/staging/values.yaml:7 images.app.digest: (added) → ${A}\n`,
    )
  })
})

describe('defaultBranch', () => {
  const api = [{ repository: 'ghcr.io/org/api', tag: '1.4.1' }]

  it.each<[string, ImageRequest[], string[], RegExp]>([
    [
      'an image and its tag',
      api,
      [],
      /^update-manifests\/api-1\.4\.1-[0-9a-f]{8}$/,
    ],
    [
      'a digest by its first hex digits',
      [{ repository: 'ghcr.io/org/api', digest: A }],
      [],
      /^update-manifests\/api-0a1b2c3d4e5f-[0-9a-f]{8}$/,
    ],
    ['targets alone', [], [], /^update-manifests\/targets-[0-9a-f]{8}$/],
    [
      'too many images for a name',
      Array.from({ length: 9 }, (_, i) => ({
        repository: `ghcr.io/org/service-${i}`,
        tag: '1.4.1',
      })),
      [],
      /^update-manifests\/9-images-[0-9a-f]{8}$/,
    ],
  ])('holds %s', (_, images, files, pattern) => {
    expect(defaultBranch('update-manifests/', images, files, [])).toMatch(
      pattern,
    )
  })

  it("differs between staging's and production's files for one version", () => {
    const staging = defaultBranch('u/', api, ['envs/staging/**'], [])
    const production = defaultBranch('u/', api, ['envs/production/**'], [])
    expect(staging).not.toBe(production)
    expect(defaultBranch('u/', api, ['envs/staging/**'], [])).toBe(staging)
  })
})

describe('pullBody', () => {
  it('tables the changes, escaping a pipe', () => {
    expect(pullBody([{ ...CHANGE, new: 'a|b' }])).toContain(
      '| `envs/staging/values.yaml` | `images.app.tag` | `v1.0.0` | `a\\|b` |',
    )
  })
})

function result(over: Partial<UpdateResult>, files = 1): UpdateResult {
  const edit = {
    path: CHANGE.file,
    before: 'a\n',
    after: 'b\n',
    changes: [CHANGE],
  }
  const plan: EditPlan = {
    edits: Array.from({ length: files }, () => edit),
    found: new Map(),
    skipped: [],
    scanned: files,
  }
  return { plan, mode: 'push', dryRun: false, attempts: 1, ...over }
}

describe('headline', () => {
  it.each<[string, UpdateResult, string]>([
    [
      'a dry run',
      result({ dryRun: true }),
      'Dry run: would change 1 file; nothing was written.',
    ],
    [
      'a dry run with nothing to do',
      result({ dryRun: true }, 0),
      'Dry run: the files already hold these versions; nothing would change.',
    ],
    [
      'nothing to do',
      result(
        {
          upToDate: 'origin/main already has these versions; nothing to commit',
        },
        0,
      ),
      'Already up to date: origin/main already has these versions; nothing to commit.',
    ],
    [
      'a push',
      result({ commitSha: 'f'.repeat(40), branch: 'main' }, 2),
      `Pushed \`${'f'.repeat(12)}\` to \`main\`, changing 2 files.`,
    ],
    [
      'a push after two rejections',
      result({ commitSha: 'f'.repeat(40), branch: 'main', attempts: 3 }),
      `Pushed \`${'f'.repeat(12)}\` to \`main\`, changing 1 file (after 2 rejected pushes, re-applied on the new tip).`,
    ],
    [
      'an opened pull request',
      result({
        pullUrl: 'https://x/pull/4',
        pullNumber: 4,
        pullCreated: true,
        branch: 'u/b',
      }),
      'Opened pull request [#4](https://x/pull/4) from `u/b`, changing 1 file.',
    ],
    [
      'write mode',
      result({ mode: 'write' }),
      'Wrote 1 file in place; nothing was committed.',
    ],
  ])('tells of %s', (_, run, sentence) => {
    expect(headline(run)).toBe(sentence)
  })
})

describe('renderSummary', () => {
  it('puts a failure first and lists skipped files', () => {
    const run = result({}, 0)
    const summary = renderSummary(
      {
        ...run,
        plan: {
          ...run.plan,
          skipped: [{ file: 't.yaml', reason: 'invalid YAML: x' }],
        },
      },
      'no file names ghcr.io/org/api',
    )
    expect(summary).toContain('**Failed:** no file names ghcr.io/org/api')
    expect(summary).toContain('- `t.yaml`: invalid YAML: x')
  })
})
