// Rebuilds every bundle into a temp folder and fails, showing the diff, when
// the committed dist/ differs from a fresh build. When GITHUB_STEP_SUMMARY is
// set, the diff's summary is written there too.
import { spawnSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildAll } from './build.js'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const fresh = mkdtempSync(join(tmpdir(), 'cortex-dist-'))
try {
  await buildAll(fresh)
  const diff = (...args) =>
    spawnSync(
      'git',
      ['diff', '--no-index', ...args, join(root, 'dist'), fresh],
      {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    )
  const stat = diff('--stat')
  if (stat.status === 0) {
    console.log('dist/ matches a fresh build')
  } else {
    const text = diff('--no-color').stdout
    const shown =
      text.length > 20000 ? `${text.slice(0, 20000)}\n… (cut)` : text
    console.error(
      'dist/ differs from a fresh build; run `npm run build` and commit dist/',
    )
    console.error(stat.stdout)
    console.error(shown)
    if (process.env.GITHUB_STEP_SUMMARY) {
      appendFileSync(
        process.env.GITHUB_STEP_SUMMARY,
        `## dist/ is out of date\n\n\`\`\`\n${stat.stdout}\`\`\`\n\nRun \`npm run build\` and commit dist/.\n`,
      )
    }
    process.exitCode = 1
  }
} finally {
  rmSync(fresh, { recursive: true, force: true })
}
