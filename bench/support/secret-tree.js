// The tree the secret-scan benchmark scans: about 50 MB of source in four
// languages, config, lock files with their integrity hashes, minified
// bundles of one long line, binaries, and one text file over the 5 MB
// limit; secrets planted at known places, look-alikes elsewhere. Built in
// a temp folder as a git repository with one commit, the same for a seed.
import { Buffer } from 'node:buffer'
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {
  DECOY_LINES,
  draw,
  plantedLines,
  privateKeyPem,
  seeded,
} from './secret-planted.js'

// Identifiers are made of these words; one in twenty parts is a word that
// secret scanners key on, about as often as in real code (one keyword
// every 700 bytes across this repository's node_modules).
const WORDS = [
  'user',
  'cache',
  'session',
  'request',
  'order',
  'item',
  'price',
  'config',
  'page',
  'retry',
  'count',
  'name',
  'path',
  'value',
  'index',
  'hash',
  'client',
  'server',
  'stream',
  'buffer',
  'event',
  'queue',
  'worker',
  'table',
  'row',
  'column',
  'state',
  'store',
  'route',
  'handler',
  'metric',
  'label',
  'node',
  'graph',
  'field',
  'schema',
  'result',
  'error',
  'status',
  'limit',
]
const KEYWORDS = ['token', 'key', 'secret', 'password', 'auth']
const HEX = '0123456789abcdef'
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function pick(next, list) {
  return list[Math.floor(next() * list.length)]
}

function word(next) {
  return next() < 0.05 ? pick(next, KEYWORDS) : pick(next, WORDS)
}

function ident(next) {
  const a = word(next)
  const b = word(next)
  return `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}`
}

/** One line of source in the style of `ext`. */
function sourceLine(next, ext) {
  const x = ident(next)
  const y = ident(next)
  const lines = {
    ts: [
      `const ${x} = await ${y}(${word(next)}, { retries: ${Math.floor(next() * 9)} })`,
      `  if (${x}.length > ${Math.floor(next() * 500)}) return ${y}`,
      `// ${word(next)} ${word(next)}: keep the ${x} in step with ${y}`,
      `export function ${x}(${y}: string): string {`,
      `  const cacheKey = \`\${${x}}:\${${y}}\``,
      `  logger.debug('${x} ${word(next)}', { ${y} })`,
      '}',
    ],
    py: [
      `def ${x}(${y}, timeout=${Math.floor(next() * 60)}):`,
      `    ${x} = self.${y}.get("${word(next)}")`,
      `    # the ${word(next)} comes from ${y}`,
      `    return ${x} or ${y}`,
      `${x}_hash = "${draw(next, 40, HEX)}"`,
    ],
    go: [
      `func ${x}(${y} string) (string, error) {`,
      `\t${x}, err := ${y}.Get(ctx, "${word(next)}")`,
      '\tif err != nil {',
      `\t\treturn "", fmt.Errorf("${x}: %w", err)`,
      '\t}',
      '}',
    ],
    yaml: [
      `${x}:`,
      `  ${y}: ${word(next)}-${word(next)}`,
      `  id: ${[8, 4, 4, 4, 12].map((n) => draw(next, n, HEX)).join('-')}`,
      `  image: ghcr.io/cortex/${word(next)}:1.${Math.floor(next() * 30)}.0`,
    ],
  }
  return pick(next, lines[ext])
}

function sourceFile(next, ext, bytes) {
  const lines = []
  let size = 0
  while (size < bytes) {
    const line = sourceLine(next, ext)
    lines.push(line)
    size += line.length + 1
  }
  return lines
}

function lockFile(next, entries) {
  const packages = {}
  for (let i = 0; i < entries; i += 1) {
    const name = `${word(next)}-${word(next)}-${i}`
    packages[`node_modules/${name}`] = {
      version: `${Math.floor(next() * 9)}.${Math.floor(next() * 20)}.${Math.floor(next() * 20)}`,
      resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`,
      integrity: `sha512-${draw(next, 86, B64)}==`,
      dependencies: { [word(next)]: `^${Math.floor(next() * 9)}.0.0` },
    }
  }
  return JSON.stringify({ name: 'app', lockfileVersion: 3, packages }, null, 2)
}

function minified(next, bytes) {
  let text = ''
  while (text.length < bytes) {
    const x = draw(next, 2, 'abcdefghijklmnopqrstuvwxyz')
    text += `function ${x}(e,t){var n=e.${word(next)}||t.${word(next)};return n.key="${draw(next, 8)}",n}`
  }
  return text
}

function write(dir, file, content) {
  const target = path.join(dir, file)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  fs.writeFileSync(target, content)
}

/**
 * Builds the tree. Returns its folder, its size in bytes, and where each
 * planted secret is: `{ kind, path, line }`.
 */
export function createSecretTree({ seed = 42, scale = 1 } = {}) {
  const next = seeded(seed)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-secret-bench-'))
  const tree = path.join(dir, 'tree')
  const files = new Map()
  const exts = ['ts', 'py', 'go', 'yaml']
  for (let i = 0; i < Math.round(1600 * scale); i += 1) {
    const ext = exts[i % exts.length]
    files.set(
      `src/mod-${Math.floor(i / 40)}/file-${i}.${ext}`,
      sourceFile(next, ext, 6000 + next() * 12000),
    )
  }
  for (let i = 0; i < Math.round(6 * scale); i += 1) {
    files.set(
      `packages/app-${i}/package-lock.json`,
      lockFile(next, 4000).split('\n'),
    )
  }
  for (let i = 0; i < Math.round(8 * scale); i += 1) {
    files.set(`dist/bundle-${i}.min.js`, [minified(next, 1_200_000)])
  }
  const planted = []
  const paths = [...files.keys()].filter((p) => p.startsWith('src/'))
  for (const [kind, line] of plantedLines(next)) {
    const file = pick(next, paths)
    const lines = files.get(file)
    const at = Math.floor(next() * lines.length)
    lines.splice(at, 0, line)
    for (const earlier of planted) {
      if (earlier.path === file && earlier.line - 1 >= at) earlier.line += 1
    }
    planted.push({ kind, path: file, line: at + 1 })
  }
  // One in the middle of a minified line, one as a key file.
  const bundle = files.get('dist/bundle-0.min.js')
  if (bundle) {
    const cut = Math.floor(bundle[0].length / 2)
    const token = ['gh', 'p_', draw(next, 36)].join('')
    bundle[0] = `${bundle[0].slice(0, cut)};var t="${token}";${bundle[0].slice(cut)}`
    planted.push({
      kind: 'github-token',
      path: 'dist/bundle-0.min.js',
      line: 1,
    })
  }
  files.set('certs/server.key', privateKeyPem().split('\n'))
  planted.push({ kind: 'private-key', path: 'certs/server.key', line: 1 })
  files.set('docs/secrets-faq.md', ['# Secrets', '', ...DECOY_LINES])
  for (const [file, lines] of files) write(tree, file, lines.join('\n'))
  for (let i = 0; i < Math.round(20 * scale); i += 1) {
    write(
      tree,
      `assets/img-${i}.png`,
      Buffer.from(
        Array.from({ length: 400_000 }, () => Math.floor(next() * 256)),
      ),
    )
  }
  // Over the 5 MB limit: a data dump, listed as skipped by ours.
  write(
    tree,
    'data/dump.csv',
    Array.from({ length: 90_000 }, (_, i) => `${i},${draw(next, 60)}`).join(
      '\n',
    ),
  )
  git(tree, ['init', '-q', '-b', 'main'])
  git(tree, ['add', '-A'])
  git(tree, ['commit', '-q', '-m', 'bench tree'])
  return {
    dir,
    tree,
    bytes: treeBytes(tree),
    planted,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

function git(cwd, args) {
  const who = { name: 'Cortex Bench', email: 'cortex-bench@example.invalid' }
  const result = spawnSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
    },
    encoding: 'utf8',
  })
  if (result.status !== 0)
    throw new Error(`git ${args.join(' ')}: ${result.stderr}`)
}

function treeBytes(dir) {
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue
    const file = path.join(dir, entry.name)
    total += entry.isDirectory() ? treeBytes(file) : fs.statSync(file).size
  }
  return total
}
