// The npm parsers bench/coverage.js compares with, installed into
// bench/.tools/ when missing: lcov-parse (what lcov-reporter-style actions
// use) and @cvrg-report/cobertura-json (xml2js underneath). Both read the
// whole file into one string first.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { TOOLS_DIR } from './tools.js'

/** The parsers, pinned by version. */
export const COVERAGE_TOOLS = {
  lcov: { name: 'lcov-parse', spec: 'lcov-parse@1' },
  cobertura: {
    name: '@cvrg-report/cobertura-json',
    spec: '@cvrg-report/cobertura-json@0.1',
  },
}

function versionOf(name) {
  const file = path.join(TOOLS_DIR, 'node_modules', name, 'package.json')
  return fs.existsSync(file)
    ? JSON.parse(fs.readFileSync(file, 'utf8')).version
    : undefined
}

/**
 * The version of each parser, installing the missing ones; a parser that
 * cannot be installed is left out (undefined) and the bench goes on.
 */
export function findCoverageTools(log = () => {}) {
  const missing = Object.values(COVERAGE_TOOLS).filter(
    (tool) => versionOf(tool.name) === undefined,
  )
  if (missing.length > 0) {
    const specs = missing.map((tool) => tool.spec)
    log(`installing ${specs.join(' ')} into ${TOOLS_DIR}`)
    fs.mkdirSync(TOOLS_DIR, { recursive: true })
    const result = spawnSync(
      'npm',
      ['i', '--prefix', TOOLS_DIR, '--no-audit', '--no-fund', ...specs],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    )
    if (result.status !== 0) log(`npm i ${specs.join(' ')} failed`)
  }
  return {
    lcov: versionOf(COVERAGE_TOOLS.lcov.name),
    cobertura: versionOf(COVERAGE_TOOLS.cobertura.name),
  }
}
