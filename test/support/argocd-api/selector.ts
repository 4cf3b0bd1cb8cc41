// Kubernetes label selectors, as ?selector= takes them: `a=b`, `a==b`,
// `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`, joined by commas.

/** Labels to a yes or no. */
export type LabelMatcher = (labels: Record<string, string>) => boolean

/** Parses `selector`; throws an Error naming the part it cannot read. */
export function parseSelector(selector: string): LabelMatcher {
  const tests = splitRequirements(selector).map(requirement)
  return (labels) => tests.every((test) => test(labels))
}

// Commas separate requirements, except inside the parentheses of a set.
function splitRequirements(selector: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const ch of selector) {
    if (ch === '(') depth += 1
    if (ch === ')') depth -= 1
    if (ch === ',' && depth === 0) {
      parts.push(current)
      current = ''
    } else current += ch
  }
  parts.push(current)
  return parts.map((p) => p.trim()).filter((p) => p !== '')
}

const KEY = String.raw`[A-Za-z0-9][-A-Za-z0-9_./]*`

function requirement(text: string): LabelMatcher {
  const set = new RegExp(
    String.raw`^(${KEY})\s+(in|notin)\s+\(([^)]*)\)$`,
  ).exec(text)
  if (set) {
    const [, key = '', op, list = ''] = set
    const values = new Set(list.split(',').map((v) => v.trim()))
    return op === 'in'
      ? (l) => l[key] !== undefined && values.has(l[key])
      : (l) => l[key] === undefined || !values.has(l[key])
  }
  const compare = new RegExp(
    String.raw`^(${KEY})\s*(==|=|!=)\s*([-A-Za-z0-9_.]*)$`,
  ).exec(text)
  if (compare) {
    const [, key = '', op, value] = compare
    return op === '!=' ? (l) => l[key] !== value : (l) => l[key] === value
  }
  const exists = new RegExp(String.raw`^(!?)(${KEY})$`).exec(text)
  if (exists) {
    const [, not, key = ''] = exists
    return not ? (l) => l[key] === undefined : (l) => l[key] !== undefined
  }
  throw new Error(`unable to parse requirement: ${text}`)
}
