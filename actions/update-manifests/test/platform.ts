// The sample GitOps repository examples/platform, copied for a test to edit
// (in a temp folder, or committed to a temp origin and clone), and a line
// comparison that says which lines of a file an edit touched.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { afterEach } from '@jest/globals'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { GitRepo } from '../../../test/support/git-repo.js'
import { createRepo } from '../../../test/support/git-repo.js'
import type { EditRequest } from '../src/file-edits.js'
import type { ImageRequest } from '../src/requests.js'
import { parseTargets } from '../src/targets.js'

/** examples/platform, never edited by a test. */
export const PLATFORM_DIR = fileURLToPath(
  new URL('../../../examples/platform', import.meta.url),
)

/** The five MCP servers, as README.md of examples/platform lists them. */
export const MCP_SERVERS = [
  'mcp-k8s-orchestrator',
  'mcp-n8n-workflow',
  'mcp-talos-node',
  'mcp-s3-storage',
  'mcp-postgres-data',
] as const

/** The images of the platform by short name, as its README names them. */
export const PLATFORM_IMAGES = {
  dashboard: 'ghcr.io/example-org/cortex-dashboard',
  orch: 'ghcr.io/example-org/cortex-mcp-orch',
  server: (name: string): string => `ghcr.io/example-org/${name}`,
} as const

/** A temp copy of examples/platform; the caller removes it. */
export function copyPlatform(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cortex-platform-'))
  cpSync(PLATFORM_DIR, dir, { recursive: true })
  return dir
}

/** A temp origin whose main holds examples/platform, and a clone of it. */
export function platformRepo(): GitRepo {
  const repo = createRepo()
  cpSync(PLATFORM_DIR, repo.workDir, { recursive: true })
  repo.git('add', '--all')
  repo.commit('chore: the platform, from examples/platform')
  repo.push()
  return repo
}

/** Every file below `root`, relative, `/`-separated, sorted; `.git` left out. */
export function filesBelow(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else found.push(relative(root, path).split('\\').join('/'))
    }
  }
  walk(root)
  return found.sort()
}

/** Each file's text, by relative path. */
export function snapshot(root: string): Map<string, string> {
  return new Map(
    filesBelow(root).map((f) => [f, readFileSync(join(root, f), 'utf8')]),
  )
}

/**
 * The 1-based numbers of the lines that differ; throws when an edit added
 * or removed lines, since a value edit never should.
 */
export function changedLines(before: string, after: string): number[] {
  const a = before.split('\n')
  const b = after.split('\n')
  if (a.length !== b.length) {
    throw new Error(
      `the edit changed the line count: ${a.length} → ${b.length}`,
    )
  }
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]))
}

/** One MCP server's list-element target, taking its tag from `images`. */
export function serverTarget(env: string, name: string): string {
  return [
    `- file: argocd/${env}/mcp-servers.yaml`,
    `  match: { name: ${name} }`,
    '  field: imageTag',
    `  image: ${PLATFORM_IMAGES.server(name)}`,
  ].join('\n')
}

/** Every MCP server at one tag. */
export function serverImages(tag: string): ImageRequest[] {
  return MCP_SERVERS.map((name) => ({
    repository: PLATFORM_IMAGES.server(name),
    tag,
  }))
}

/**
 * A `platform()` that copies examples/platform into a temp folder, each
 * copy removed after its test. Call once, at a test file's top level.
 */
export function platformCopies(): () => string {
  const roots: string[] = []
  afterEach(() => {
    for (const root of roots.splice(0)) {
      rmSync(root, { recursive: true, force: true })
    }
  })
  return () => {
    const root = copyPlatform()
    roots.push(root)
    return root
  }
}

/** What planEdits is asked, the targets written as the input would be. */
export function editRequest(
  images: ImageRequest[],
  files: string[],
  targets = '',
): EditRequest {
  return {
    files,
    images,
    targets: targets === '' ? [] : parseTargets(targets, images),
    options: {},
  }
}
