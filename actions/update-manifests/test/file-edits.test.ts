import { describe, expect, it } from '@jest/globals'
import { EditFailure, planEdits } from '../src/file-edits.js'
import {
  MCP_SERVERS,
  PLATFORM_IMAGES,
  changedLines,
  serverImages,
  serverTarget,
  snapshot,
  editRequest,
  platformCopies,
} from './platform.js'

// planEdits on a temp copy of examples/platform, where the README says the
// tags live: the ApplicationSet elements, the dashboard overlays and the
// orchestrator's two containers. Nothing but the target values may move.

const platform = platformCopies()
const request = editRequest

const STAGING = [
  'argocd/staging/**',
  'apps/*/overlays/staging/**',
  'apps/mcp-orch/staging/**',
]

describe('planEdits on examples/platform', () => {
  it("sets every MCP server's imageTag in its own list element (C38)", () => {
    const root = platform()
    const targets = MCP_SERVERS.map((n) => serverTarget('staging', n))
    const plan = planEdits(
      root,
      request(serverImages('1.4.1'), STAGING, targets.join('\n')),
    )
    expect(plan.edits.map((e) => e.path)).toEqual([
      'argocd/staging/mcp-servers.yaml',
    ])
    const [edit] = plan.edits
    expect(edit?.changes).toEqual(
      [33, 43, 53, 63, 73].map((line, i) => ({
        file: 'argocd/staging/mcp-servers.yaml',
        path: `spec.generators[0].list.elements[${i}].imageTag`,
        line,
        old: '1.4.0',
        new: '1.4.1',
      })),
    )
    // The quotes of a string that looks like a number stay (C34).
    expect(edit?.after).toContain("            imageTag: '1.4.1'\n")
    expect(changedLines(edit?.before ?? '', edit?.after ?? '')).toEqual([
      33, 43, 53, 63, 73,
    ])
  })

  it('changes one element only when one server is released', () => {
    const root = platform()
    const plan = planEdits(
      root,
      request(
        [{ repository: PLATFORM_IMAGES.server('mcp-s3-storage'), tag: '1.10' }],
        STAGING,
        serverTarget('staging', 'mcp-s3-storage'),
      ),
    )
    const [edit] = plan.edits
    expect(changedLines(edit?.before ?? '', edit?.after ?? '')).toEqual([63])
    expect(edit?.after.split('\n')[62]).toBe("            imageTag: '1.10'")
  })

  it("moves the dashboard overlay's newTag, and only staging's", () => {
    const root = platform()
    const plan = planEdits(
      root,
      request(
        [{ repository: PLATFORM_IMAGES.dashboard, tag: '2.1.1' }],
        ['apps/dashboard/overlays/staging/**'],
      ),
    )
    expect(plan.found.get(PLATFORM_IMAGES.dashboard)).toBe(1)
    expect(plan.edits).toHaveLength(1)
    expect(plan.edits[0]?.changes).toEqual([
      {
        file: 'apps/dashboard/overlays/staging/kustomization.yaml',
        path: 'images[0].newTag',
        line: 13,
        old: '2.1.0',
        new: '2.1.1',
      },
    ])
  })

  it('sets both images of the orchestrator in one file, keeping the leading ---', () => {
    const root = platform()
    const plan = planEdits(
      root,
      request(
        [{ repository: PLATFORM_IMAGES.orch, tag: '0.9.4' }],
        ['apps/mcp-orch/staging/**'],
      ),
    )
    expect(plan.found.get(PLATFORM_IMAGES.orch)).toBe(2)
    const [edit] = plan.edits
    expect(edit?.path).toBe('apps/mcp-orch/staging/mcp-orch.yaml')
    expect(edit?.changes.map((c) => [c.line, c.path, c.new])).toEqual([
      [
        57,
        'spec.template.spec.initContainers[0].image',
        'ghcr.io/example-org/cortex-mcp-orch:0.9.4',
      ],
      [
        70,
        'spec.template.spec.containers[0].image',
        'ghcr.io/example-org/cortex-mcp-orch:0.9.4',
      ],
    ])
    expect(edit?.after.startsWith('---\n# The MCP orchestrator')).toBe(true)
    expect(changedLines(edit?.before ?? '', edit?.after ?? '')).toEqual([
      57, 70,
    ])
  })

  it('skips the Helm templates as not YAML, and sets the chart values', () => {
    const root = platform()
    const plan = planEdits(
      root,
      request(
        [{ repository: 'ghcr.io/example-org/mcp-server', tag: '1.0.0' }],
        ['charts/**'],
      ),
    )
    // Templates that name `mcp-server` as a path segment are read and
    // skipped; the others never name the image and are not even parsed.
    expect(plan.skipped.map((s) => s.file)).toContain(
      'charts/mcp-server/templates/_helpers.tpl',
    )
    for (const skip of plan.skipped) {
      expect(skip.file).toMatch(/^charts\/mcp-server\/templates\//)
      expect(skip.reason).toMatch(/^invalid YAML/)
    }
    expect(plan.edits.map((e) => e.path)).toEqual([
      'charts/mcp-server/values.yaml',
    ])
    expect(plan.edits[0]?.changes).toMatchObject([
      { path: 'image.tag', old: '', new: '1.0.0' },
    ])
  })

  it('leaves out a file already at the version, though it names the image', () => {
    const root = platform()
    const plan = planEdits(
      root,
      request(
        [{ repository: PLATFORM_IMAGES.orch, tag: '0.9.3' }],
        ['apps/mcp-orch/**'],
      ),
    )
    expect(plan.found.get(PLATFORM_IMAGES.orch)).toBe(4)
    expect(plan.edits.map((e) => e.path)).toEqual([
      'apps/mcp-orch/production/mcp-orch.yaml',
    ])
  })

  it('picks one document of a stream by index for a path target', () => {
    const root = platform()
    const plan = planEdits(
      root,
      request(
        [],
        [],
        '- file: apps/mcp-orch/staging/mcp-orch.yaml\n  document: 1\n  path: spec.replicas\n  value: 3',
      ),
    )
    expect(plan.edits[0]?.changes).toMatchObject([
      { path: 'spec.replicas', old: '2', new: '3' },
    ])
  })

  it.each([
    [
      'a target file glob that matches nothing',
      '- file: argocd/qa/*.yaml\n  path: a\n  value: b',
      /target file "argocd\/qa\/\*\.yaml" matches no file/,
    ],
    [
      'a list element that no element matches',
      "- file: argocd/staging/mcp-servers.yaml\n  match: { name: mcp-nope }\n  field: imageTag\n  value: '1'",
      /^argocd\/staging\/mcp-servers\.yaml: no list element .* matches/,
    ],
    [
      'a path in several documents without one picked',
      '- file: apps/mcp-orch/staging/mcp-orch.yaml\n  path: metadata.name\n  value: x',
      /^apps\/mcp-orch\/staging\/mcp-orch\.yaml at metadata\.name: .*documents 0, 1, 2/,
    ],
  ])('fails naming the file on %s', (_, targets, message) => {
    const root = platform()
    const run = (): unknown => planEdits(root, request([], [], targets))
    expect(run).toThrow(EditFailure)
    expect(run).toThrow(message)
  })

  it('changes only the target lines of the whole staging release, byte for byte', () => {
    const root = platform()
    const before = snapshot(root)
    const images = [
      ...serverImages('1.5.0'),
      { repository: PLATFORM_IMAGES.dashboard, tag: '2.2.0' },
      { repository: PLATFORM_IMAGES.orch, tag: '1.0.0' },
    ]
    const targets = MCP_SERVERS.map((n) => serverTarget('staging', n))
    const plan = planEdits(root, request(images, STAGING, targets.join('\n')))
    const edited = new Map(plan.edits.map((e) => [e.path, e]))
    expect([...edited.keys()]).toEqual([
      'apps/dashboard/overlays/staging/kustomization.yaml',
      'apps/mcp-orch/staging/mcp-orch.yaml',
      'argocd/staging/mcp-servers.yaml',
    ])
    for (const [file, text] of before) {
      const edit = edited.get(file)
      if (edit === undefined) continue
      expect(edit.before).toBe(text)
      const lines = [...new Set(edit.changes.map((c) => c.line))]
      expect(changedLines(text, edit.after)).toEqual(lines)
    }
    // Planning writes nothing.
    expect(snapshot(root)).toEqual(before)
  })
})
