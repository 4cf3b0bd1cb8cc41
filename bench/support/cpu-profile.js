// Reads a `node --cpu-prof` profile and says where the time went: the
// functions with the most time spent in them and below them (inclusive) and
// in them alone (self). The bundles are minified with names kept, so the
// names are the source's; functions of one name are counted together.
import * as fs from 'node:fs'

function frameName({ functionName, url }) {
  const file = url === '' ? '' : ` (${url.slice(url.lastIndexOf('/') + 1)})`
  return `${functionName === '' ? '(anonymous)' : functionName}${file}`
}

/**
 * The profile in `file` as `{ totalMs, inclusive, self }`, each list
 * `[name, ms]`, largest first, `top` long.
 */
export function summariseProfile(file, top = 25) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'))
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const parents = new Map()
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parents.set(child, node.id)
  }
  const sampled = new Map()
  profile.samples.forEach((id, i) => {
    sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const self = new Map()
  const inclusive = new Map()
  let total = 0
  for (const [id, micros] of sampled) {
    total += micros
    const own = frameName(nodes.get(id).callFrame)
    self.set(own, (self.get(own) ?? 0) + micros)
    // Each name once per stack, so recursion is not counted twice.
    const seen = new Set()
    for (let at = id; at !== undefined; at = parents.get(at)) {
      const name = frameName(nodes.get(at).callFrame)
      if (seen.has(name)) continue
      seen.add(name)
      inclusive.set(name, (inclusive.get(name) ?? 0) + micros)
    }
  }
  const ranked = (map) =>
    [...map]
      .filter(([name]) => !name.startsWith('(root)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => [name, micros / 1000])
  return {
    totalMs: total / 1000,
    inclusive: ranked(inclusive),
    self: ranked(self),
  }
}

/** The summary as two plain-text columns, for the terminal. */
export function formatProfile({ totalMs, inclusive, self }) {
  const rows = (list) =>
    list.map(
      ([name, ms]) =>
        `${ms.toFixed(0).padStart(7)} ms ` +
        `${((100 * ms) / totalMs).toFixed(1).padStart(5)} %  ${name}`,
    )
  return [
    `sampled ${totalMs.toFixed(0)} ms`,
    'inclusive (in the function and below it):',
    ...rows(inclusive),
    'self (in the function alone):',
    ...rows(self),
  ].join('\n')
}
