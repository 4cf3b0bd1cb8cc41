// Parses a report with one of the npm parsers of coverage-tools.js and
// prints the line totals it found, for bench/coverage.js to check.
// Usage: node bench/support/parse-with-tool.js lcov|cobertura <file>
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { COVERAGE_TOOLS } from './coverage-tools.js'
import { TOOLS_DIR } from './tools.js'

const [format, file] = process.argv.slice(2)
const require = createRequire(path.join(TOOLS_DIR, 'package.json'))

/** Files and line totals from the parsers' shared shape. */
function totals(files) {
  let covered = 0
  let total = 0
  for (const f of files) {
    for (const line of f.lines.details) {
      total += 1
      if (line.hit > 0) covered += 1
    }
  }
  return { files: files.length, lines: { covered, total } }
}

let files
if (format === 'lcov') {
  const parse = require(COVERAGE_TOOLS.lcov.name)
  files = await new Promise((resolve, reject) =>
    parse(file, (error, data) => (error ? reject(error) : resolve(data))),
  )
} else {
  const cobertura = require(COVERAGE_TOOLS.cobertura.name)
  files = await cobertura.parseFile(file)
}
console.log(JSON.stringify(totals(files)))
