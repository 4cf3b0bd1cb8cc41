// Seeded coverage reports for bench/coverage.js: an lcov tracefile and a
// Cobertura file of a chosen size, written a megabyte at a time so the
// generator itself stays small, with the totals they hold for checking.
import { Buffer } from 'node:buffer'
import * as fs from 'node:fs'

/** A linear congruential generator of numbers in [0, 1) from a seed. */
function seeded(seed) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** Appends text to a file descriptor through a 1 MB buffer. */
function bufferedWriter(fd) {
  let parts = []
  let size = 0
  let written = 0
  const flush = () => {
    if (parts.length === 0) return
    const text = parts.join('')
    fs.writeSync(fd, text)
    written += Buffer.byteLength(text)
    parts = []
    size = 0
  }
  return {
    write(text) {
      parts.push(text)
      size += text.length
      if (size >= 1 << 20) flush()
    },
    flush,
    /** Bytes written so far, the buffer included (ASCII only). */
    get bytes() {
      return written + size
    },
  }
}

/**
 * One source file's coverage: a few hundred lines, about 70 % of them
 * instrumented and 75 % of those run; a branch pair on one line in ten,
 * a function every 25 lines.
 */
function sourceFile(next) {
  const length = 50 + Math.floor(next() * 750)
  const lines = []
  const branches = []
  const functions = []
  for (let line = 1; line <= length; line += 1) {
    if (next() < 0.3) continue
    const hits = next() < 0.75 ? 1 + Math.floor(next() * 40) : 0
    lines.push([line, hits])
    if (line % 10 === 0) {
      const taken = hits > 0 ? Math.floor(next() * 3) : 0
      branches.push([line, taken >= 1 ? taken : 0, taken >= 2 ? 1 : 0])
    }
    if (line % 25 === 1) functions.push([line, hits])
  }
  return { lines, branches, functions }
}

function totalsOf() {
  return {
    files: 0,
    lines: { covered: 0, total: 0 },
    branches: { covered: 0, total: 0 },
    functions: { covered: 0, total: 0 },
  }
}

function count(totals, file) {
  totals.files += 1
  totals.lines.total += file.lines.length
  totals.lines.covered += file.lines.filter(([, h]) => h > 0).length
  totals.branches.total += file.branches.length * 2
  for (const [, a, b] of file.branches) {
    totals.branches.covered += (a > 0 ? 1 : 0) + (b > 0 ? 1 : 0)
  }
  totals.functions.total += file.functions.length
  totals.functions.covered += file.functions.filter(([, h]) => h > 0).length
}

/**
 * Writes an lcov tracefile of at least `bytes` bytes, paths absolute under
 * `root` as jest writes them. Returns what it holds.
 */
export function writeLcov(path, bytes, { seed = 1, root = '/w' } = {}) {
  const next = seeded(seed)
  const totals = totalsOf()
  const fd = fs.openSync(path, 'w')
  const out = bufferedWriter(fd)
  try {
    for (let i = 0; out.bytes < bytes; i += 1) {
      const file = sourceFile(next)
      count(totals, file)
      const name = `${root}/packages/p${i % 40}/src/m${i}.ts`
      const text = [`TN:\nSF:${name}\n`]
      for (const [line] of file.functions) text.push(`FN:${line},f${line}\n`)
      for (const [line, hits] of file.functions) {
        text.push(`FNDA:${hits},f${line}\n`)
      }
      const fnHit = file.functions.filter(([, h]) => h > 0).length
      text.push(`FNF:${file.functions.length}\nFNH:${fnHit}\n`)
      for (const [line, hits] of file.lines) text.push(`DA:${line},${hits}\n`)
      const hit = file.lines.filter(([, h]) => h > 0).length
      text.push(`LF:${file.lines.length}\nLH:${hit}\n`)
      for (const [line, a, b] of file.branches) {
        text.push(`BRDA:${line},0,0,${a || '-'}\nBRDA:${line},0,1,${b}\n`)
      }
      const brHit = file.branches.reduce(
        (n, [, a, b]) => n + (a > 0) + (b > 0),
        0,
      )
      text.push(
        `BRF:${file.branches.length * 2}\nBRH:${brHit}\nend_of_record\n`,
      )
      out.write(text.join(''))
    }
    out.flush()
  } finally {
    fs.closeSync(fd)
  }
  return { ...totals, bytes: fs.statSync(path).size }
}

/**
 * Writes a Cobertura file of at least `bytes` bytes in coverage.py's shape:
 * one <source> (`root`), filenames relative to it, methods repeating their
 * lines. Returns what it holds.
 */
export function writeCobertura(path, bytes, { seed = 2, root = '/w' } = {}) {
  const next = seeded(seed)
  const totals = totalsOf()
  const fd = fs.openSync(path, 'w')
  const out = bufferedWriter(fd)
  try {
    out.write(
      `<?xml version="1.0" ?>\n<coverage version="7.4.0" timestamp="1714000000000" line-rate="1" branch-rate="1">\n` +
        `\t<sources>\n\t\t<source>${root}</source>\n\t</sources>\n\t<packages>\n`,
    )
    const tail = '\t</packages>\n</coverage>\n'
    for (let i = 0; out.bytes + tail.length < bytes; i += 1) {
      const file = sourceFile(next)
      count(totals, file)
      const name = `pkg${i % 40}/m${i}.py`
      const text = [
        `\t\t<package name="pkg${i}" line-rate="1" branch-rate="1" complexity="0">\n\t\t\t<classes>\n`,
        `\t\t\t\t<class name="m${i}.py" filename="${name}" complexity="0" line-rate="1" branch-rate="1">\n\t\t\t\t\t<methods>\n`,
      ]
      for (const [line, hits] of file.functions) {
        text.push(
          `\t\t\t\t\t\t<method name="f${line}" signature="()" line-rate="1">\n` +
            `\t\t\t\t\t\t\t<lines>\n\t\t\t\t\t\t\t\t<line number="${line}" hits="${hits}"/>\n\t\t\t\t\t\t\t</lines>\n` +
            '\t\t\t\t\t\t</method>\n',
        )
      }
      text.push('\t\t\t\t\t</methods>\n\t\t\t\t\t<lines>\n')
      const branchAt = new Map(file.branches.map(([l, a, b]) => [l, [a, b]]))
      for (const [line, hits] of file.lines) {
        const branch = branchAt.get(line)
        if (branch) {
          const covered = (branch[0] > 0 ? 1 : 0) + (branch[1] > 0 ? 1 : 0)
          text.push(
            `\t\t\t\t\t\t<line number="${line}" hits="${hits}" branch="true" condition-coverage="${covered * 50}% (${covered}/2)"/>\n`,
          )
        } else {
          text.push(`\t\t\t\t\t\t<line number="${line}" hits="${hits}"/>\n`)
        }
      }
      text.push(
        '\t\t\t\t\t</lines>\n\t\t\t\t</class>\n\t\t\t</classes>\n\t\t</package>\n',
      )
      out.write(text.join(''))
    }
    out.write(tail)
    out.flush()
  } finally {
    fs.closeSync(fd)
  }
  return { ...totals, bytes: fs.statSync(path).size }
}
