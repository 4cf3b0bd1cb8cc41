// What a tool did to the manifest tree, judged against the expected files:
// which files changed, whether every target holds its new value (compared as
// data, so a quote style or a key order does not count), and how many lines
// that were not targets it did not keep as they were.
import { parseAllDocuments } from 'yaml'

/**
 * Lines of `expected` outside `targetLines` that `actual` does not keep,
 * verbatim and in order (a longest common subsequence of lines), by kind.
 */
export function linesChangedOutside(expected, actual, targetLines) {
  const counts = { comment: 0, blank: 0, marker: 0, other: 0 }
  if (expected === actual) return counts
  const a = expected.split('\n')
  const b = actual.split('\n')
  const targets = new Set(targetLines)
  for (const index of unmatchedLines(a, b)) {
    if (targets.has(index)) continue
    const line = a[index]
    if (/^\s*#/.test(line)) counts.comment += 1
    else if (line.trim() === '') counts.blank += 1
    else if (line === '---') counts.marker += 1
    else counts.other += 1
  }
  return counts
}

/** Indices of `a`'s lines left out of a longest common subsequence with `b`. */
function unmatchedLines(a, b) {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) {
    start += 1
  }
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1
    endB -= 1
  }
  const rows = endA - start
  const cols = endB - start
  // lengths[i][j]: the LCS of a[start+i..endA) and b[start+j..endB).
  const lengths = Array.from(
    { length: rows + 1 },
    () => new Uint32Array(cols + 1),
  )
  for (let i = rows - 1; i >= 0; i -= 1) {
    for (let j = cols - 1; j >= 0; j -= 1) {
      lengths[i][j] =
        a[start + i] === b[start + j]
          ? lengths[i + 1][j + 1] + 1
          : Math.max(lengths[i + 1][j], lengths[i][j + 1])
    }
  }
  const unmatched = []
  let i = 0
  let j = 0
  while (i < rows) {
    if (j < cols && a[start + i] === b[start + j]) {
      i += 1
      j += 1
    } else if (j < cols && lengths[i][j + 1] > lengths[i + 1][j]) {
      j += 1
    } else {
      unmatched.push(start + i)
      i += 1
    }
  }
  return unmatched
}

/**
 * The documents of a file as data, keys sorted, read as YAML 1.1 as
 * Kubernetes reads them (`0644` is 420 there, and yq writes 420).
 */
function asData(text) {
  const docs = parseAllDocuments(text, { version: '1.1' })
  const errors = docs.flatMap((doc) => doc.errors)
  if (errors.length > 0) return `not YAML: ${errors[0].message}`
  return JSON.stringify(
    docs.map((doc) => doc.toJS()),
    sortedKeys,
  )
}

function sortedKeys(_key, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return value
  }
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, value[key]]),
  )
}

/**
 * Compares the tree as the tool left it (`actual`, in the order of `files`)
 * with the expected files. Returns counts, and the paths of files whose data
 * is not what was expected.
 */
export function judgeTree(files, actual) {
  const result = {
    filesChanged: 0,
    filesWithOtherChanges: 0,
    linesOutside: { comment: 0, blank: 0, marker: 0, other: 0 },
    /** Trailing comments of target lines (Flux's image-policy markers). */
    targetCommentsLost: 0,
    wrongData: [],
  }
  files.forEach((file, index) => {
    const text = actual[index]
    if (text !== file.before) result.filesChanged += 1
    if (text === file.expected) return
    if (asData(text) !== asData(file.expected)) {
      result.wrongData.push(file.path)
    }
    const lines = linesChangedOutside(file.expected, text, file.targetLines)
    let any = false
    for (const [kind, count] of Object.entries(lines)) {
      result.linesOutside[kind] += count
      if (count > 0) any = true
    }
    if (any) result.filesWithOtherChanges += 1
    result.targetCommentsLost += targetCommentsLost(file, text)
  })
  return result
}

function targetCommentsLost(file, actual) {
  const lines = file.expected.split('\n')
  let lost = 0
  for (const index of file.targetLines) {
    const at = lines[index].indexOf(' #')
    if (at >= 0 && !actual.includes(lines[index].slice(at).trim())) lost += 1
  }
  return lost
}

/** The sum of the kinds of line `judgeTree` counts. */
export function totalLines(linesOutside) {
  return Object.values(linesOutside).reduce((sum, n) => sum + n, 0)
}
