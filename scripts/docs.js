// Writes the inputs and outputs tables of each actions/<stage>/README.md
// from its action.yml, between the markers
//   <!-- inputs:start --> … <!-- inputs:end -->  and  <!-- outputs:start --> … <!-- outputs:end -->
// With --check it changes nothing and fails when a README is out of date.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { parse } from 'yaml'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const check = process.argv.includes('--check')

/** One Markdown table cell: pipes escaped, lines joined. */
function cell(text) {
  return String(text ?? '')
    .trim()
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
}

function inputsTable(inputs) {
  const rows = Object.entries(inputs ?? {}).map(([name, spec]) => {
    const fallback =
      spec.default === undefined
        ? ''
        : `\`${cell(spec.default).replace(/`/g, "'")}\``
    return `| \`${name}\` | ${cell(spec.description)} | ${fallback} |`
  })
  return [
    '| input | description | default |',
    '| --- | --- | --- |',
    ...rows,
  ].join('\n')
}

function outputsTable(outputs) {
  const rows = Object.entries(outputs ?? {}).map(
    ([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`,
  )
  return ['| output | description |', '| --- | --- |', ...rows].join('\n')
}

function replaceBlock(text, name, body) {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from < 0 || to < from) throw new Error(`missing ${start} … ${end}`)
  return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`
}

let stale = 0
for (const stage of readdirSync(join(root, 'actions')).sort()) {
  const metadata = join(root, 'actions', stage, 'action.yml')
  const readme = join(root, 'actions', stage, 'README.md')
  if (!existsSync(metadata) || !existsSync(readme)) continue
  const action = parse(readFileSync(metadata, 'utf8'))
  const before = readFileSync(readme, 'utf8')
  let after = replaceBlock(before, 'inputs', inputsTable(action.inputs))
  after = replaceBlock(after, 'outputs', outputsTable(action.outputs))
  // Formatted as `prettier --check` expects, so the two checks agree.
  const options = (await prettier.resolveConfig(readme)) ?? {}
  after = await prettier.format(after, { ...options, filepath: readme })
  if (after === before) continue
  if (check) {
    console.error(
      `actions/${stage}/README.md is out of date with its action.yml; run npm run docs`,
    )
    stale += 1
  } else {
    writeFileSync(readme, after)
    console.log(`wrote actions/${stage}/README.md`)
  }
}
process.exitCode = stale > 0 ? 1 : 0
