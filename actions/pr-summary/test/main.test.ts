import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { seedFile } from '../../../test/support/github-api/routes-issue-extras.js'
import { expectOk } from '../../../test/support/run-in-process.js'
import {
  H1,
  commentsOf,
  file,
  labelsOf,
  pullEvent,
  runStep,
  seedPull,
  standInsPerTest,
} from './stand-in.js'

// main.ts as the runner starts it, against the GitHub API stand-in: labels,
// the sticky comment, the outputs, pagination and what the size counts.

const setup = standInsPerTest()

// The configuration of case C52 (CASES.md), from actions/labeler#135,
// NVIDIA/nodewright#553 and OSGeo/grass#3360.
const C52 = `
ci: ['.github/**']
operator: ['operator/**', '!operator/cmd/cli/**']
docs: ['docs/**', '!docs/rfc/**']
`

describe('the pr-summary stage', () => {
  it('labels the pull request, posts one comment and sets every output', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/guide.md', 8, 1)])
    const step = await runStep(
      api,
      {
        components: C52,
        checks:
          '{"lint": {"result": "success"}, "tests": {"result": "failure"}}',
        coverage: '| file | lines |\n| --- | --- |\n| **total** | 91 % |',
      },
      pullEvent(pull),
    )
    expectOk(step)
    expect(labelsOf(pull)).toEqual(['docs', 'size/XS'])
    expect(repo.findLabel('size/XS')?.color).toBe('3cbf00')
    expect(repo.findLabel('docs')?.color).toBe('1d76db')
    const [body, ...others] = commentsOf(repo, pull)
    expect(others).toEqual([])
    expect(body).toMatch(
      new RegExp(
        `^<!-- cortex-actions:pr-summary:main -->\n<!-- head-sha: ${H1} -->\n`,
      ),
    )
    expect(body).toContain('| lint | ✅ success |')
    expect(body).toContain('| tests | ❌ failure |')
    expect(body).toContain('| **total** | 91 % |')
    expect(body).toContain('| docs/guide.md | 8 | 1 | yes |')
    const comment = [...repo.comments.values()][0]
    expect(step.outputs).toEqual({
      size: 'XS',
      labels: '["size/XS","docs"]',
      'comment-id': String(comment?.id),
      'comment-url': expect.stringContaining(`#issuecomment-${comment?.id}`),
      'skipped-writes': 'false',
      'summary-file': expect.stringMatching(/pr-summary\/main\.json$/),
    })
    expect(step.summary).toContain('comment created')
    expect(step.summary).toContain('| docs/guide.md | 8 | 1 | yes |')
  })

  // C52: a label applies when some changed file matches a positive glob
  // and none of its negated ones; a negated glob alone never matches.
  it.each([
    ['A', ['.github/workflows/ci.yml'], ['ci']],
    ['B', ['README.md'], []],
    ['C', ['operator/cmd/cli/main.go'], []],
    ['D', ['operator/pkg/x.go', 'operator/cmd/cli/main.go'], ['operator']],
    ['E', ['docs/rfc/0001.md'], []],
  ])('C52 %s: %j gets component labels %j', async (_case, paths, wanted) => {
    const { api, repo } = await setup()
    const pull = seedPull(
      repo,
      paths.map((p) => file(p)),
    )
    expectOk(await runStep(api, { components: C52 }, pullEvent(pull)))
    expect(labelsOf(pull)).toEqual([...wanted, 'size/XS'].sort())
  })

  it('labels by the head branch, and removes only the labels it owns', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('src/a.ts', 300)], {
      branch: 'release/1.4',
      labels: ['docs', 'size/XL', 'needs-review'],
    })
    const components = `${C52}release:\n  branches: ['release/**']\n  color: '#FBCA04'\n`
    expectOk(await runStep(api, { components }, pullEvent(pull)))
    expect(labelsOf(pull)).toEqual(['needs-review', 'release', 'size/M'])
    expect(repo.findLabel('release')?.color).toBe('fbca04')
  })

  it('recolours a configured label that exists in another colour', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/a.md')], { labels: ['docs'] })
    const components = "docs:\n  files: ['docs/**']\n  color: 0e8a16\n"
    expect(repo.findLabel('docs')?.color).toBe('ededed')
    expectOk(await runStep(api, { components }, pullEvent(pull)))
    expect(repo.findLabel('docs')?.color).toBe('0e8a16')
    expect(labelsOf(pull)).toEqual(['docs', 'size/XS'])
  })

  it('updates its comment on a re-run instead of posting another', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('src/a.ts')])
    const first = await runStep(
      api,
      { checks: '{"tests": "failure"}' },
      pullEvent(pull),
    )
    const again = await runStep(
      api,
      { checks: '{"tests": "success"}' },
      pullEvent(pull),
    )
    expectOk(again)
    const bodies = commentsOf(repo, pull)
    expect(bodies).toHaveLength(1)
    expect(bodies[0]).toContain('| tests | ✅ success |')
    expect(again.outputs['comment-id']).toBe(first.outputs['comment-id'])
    expect(again.summary).toContain('comment updated')
  })

  it('keeps a second summary with another id apart', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('src/a.ts')])
    expectOk(await runStep(api, {}, pullEvent(pull)))
    expectOk(await runStep(api, { id: 'backend' }, pullEvent(pull)))
    const markers = commentsOf(repo, pull).map((b) => b.split('\n')[0])
    expect(markers).toEqual([
      '<!-- cortex-actions:pr-summary:main -->',
      '<!-- cortex-actions:pr-summary:backend -->',
    ])
  })

  it('counts more than 300 changed files through every page of the files API', async () => {
    const { api, repo } = await setup()
    const files = Array.from({ length: 350 }, (_, i) => file(`src/m${i}.ts`, 2))
    const pull = seedPull(repo, files)
    const step = await runStep(api, {}, pullEvent(pull))
    expectOk(step)
    expect(step.outputs.size).toBe('L')
    const pages = api.requests
      .filter((r) => r.path.endsWith(`/pulls/${pull.number}/files`))
      .map((r) => [r.query.per_page, r.query.page ?? '1'])
    expect(pages).toEqual([
      ['100', '1'],
      ['100', '2'],
      ['100', '3'],
      ['100', '4'],
    ])
    expect(commentsOf(repo, pull)[0]).toContain(
      '**350 files** changed, +700 −0; 700 lines counted',
    )
  })

  it('prints the labels and the comment in a dry run, and writes nothing', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('docs/a.md')], { labels: ['size/L'] })
    const step = await runStep(
      api,
      { components: C52, 'dry-run': 'true' },
      pullEvent(pull),
    )
    expectOk(step)
    expect(api.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(step.log).toContain('dry run: would add labels: size/XS, docs')
    expect(step.log).toContain('dry run: would remove labels: size/L')
    expect(step.log).toContain(
      'dry run: would post this comment:\n<!-- cortex-actions:pr-summary:main -->',
    )
    expect(step.outputs['skipped-writes']).toBe('true')
    expect(step.outputs['comment-id']).toBe('')
    expect(labelsOf(pull)).toEqual(['size/L'])
  })
})

describe('the size', () => {
  it('leaves out lock files, files linguist-generated or -diff at the head, and ignored globs', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [
      file('package-lock.json', 4000, 3000),
      file('services/api/go.sum', 900),
      file('src/gen/client.ts', 800),
      file('assets/logo.svg', 600),
      file('docs/guide.md', 700),
      file('docs/keep.md', 5),
      file('src/a.ts', 40, 10),
    ])
    // A .gitattributes of the head commit; the base's says nothing.
    seedFile(
      repo,
      H1,
      '.gitattributes',
      'src/gen/** linguist-generated\n*.svg -diff\n',
    )
    seedFile(repo, 'main', '.gitattributes', '')
    const step = await runStep(
      api,
      { ignore: 'docs/**\n!docs/keep.md' },
      pullEvent(pull),
    )
    expectOk(step)
    expect(step.outputs.size).toBe('S')
    const body = commentsOf(repo, pull)[0] ?? ''
    expect(body).toContain('55 lines counted → **size/S**')
    expect(body).toContain(
      'Not counted: 2 lock files (7900 lines), 2 generated files (1400 lines), 1 ignored file (700 lines).',
    )
    expect(body).toContain('| src/gen/client.ts | 800 | 0 | no (generated) |')
  })

  it.each([
    ['', 10, 'XS'],
    ['', 11, 'S'],
    ['', 1000, 'L'],
    ['', 1001, 'XL'],
    ['5, 50, 200, 400', 60, 'M'],
    ['5, 50, 200, 400', 401, 'XL'],
  ])('with thresholds %j, %i lines are %s', async (thresholds, lines, size) => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('src/a.ts', lines)], {
      labels: ['size/XS'],
    })
    const inputs: Record<string, string> =
      thresholds === '' ? {} : { 'size-thresholds': thresholds }
    const step = await runStep(api, inputs, pullEvent(pull))
    expectOk(step)
    expect(step.outputs.size).toBe(size)
    expect(labelsOf(pull)).toEqual([`size/${size}`])
  })

  it('writes the summary file a later job can post', async () => {
    const { api, repo } = await setup()
    const pull = seedPull(repo, [file('src/a.ts')])
    const step = await runStep(api, {}, pullEvent(pull))
    const path = step.outputs['summary-file'] ?? ''
    expect(existsSync(path)).toBe(true)
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Record<
      string,
      unknown
    >
    expect(saved).toMatchObject({
      id: 'main',
      repository: 'example-org/cortex',
      pr: pull.number,
      headSha: H1,
    })
  })
})
