// Label selectors as Kubernetes evaluates them: a Service's plain map, or
// matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist).
import type { Dict } from './yaml-source.js'
import { isDict, text } from './yaml-source.js'

/** Whether `labels` satisfy a LabelSelector (matchLabels/matchExpressions). */
export function matchesSelector(selector: Dict, labels: Dict): boolean {
  const matchLabels = selector['matchLabels']
  if (isDict(matchLabels) && !matchesMap(matchLabels, labels)) return false
  const expressions = selector['matchExpressions']
  if (!Array.isArray(expressions)) return true
  return expressions.every((expression) =>
    matchesExpression(expression, labels),
  )
}

/** Whether `labels` hold every key/value of a plain selector map. */
export function matchesMap(selector: Dict, labels: Dict): boolean {
  return Object.entries(selector).every(
    ([key, value]) =>
      labels[key] !== undefined && text(labels[key]) === text(value),
  )
}

function matchesExpression(expression: unknown, labels: Dict): boolean {
  if (!isDict(expression)) return false
  const key = text(expression['key'])
  const values = Array.isArray(expression['values'])
    ? expression['values'].map(text)
    : []
  const has = labels[key] !== undefined
  const value = has ? text(labels[key]) : undefined
  switch (expression['operator']) {
    case 'In':
      return value !== undefined && values.includes(value)
    case 'NotIn':
      return value === undefined || !values.includes(value)
    case 'Exists':
      return has
    case 'DoesNotExist':
      return !has
    default:
      return false
  }
}

/** A selector as a reader would write it: `app=web, tier in (a,b)`. */
export function describeSelector(selector: Dict, plain = false): string {
  if (plain) return describeMap(selector)
  const parts: string[] = []
  const matchLabels = selector['matchLabels']
  if (isDict(matchLabels)) parts.push(describeMap(matchLabels))
  const expressions = selector['matchExpressions']
  if (Array.isArray(expressions)) {
    for (const e of expressions) {
      if (!isDict(e)) continue
      const values = Array.isArray(e['values']) ? e['values'].join(',') : ''
      const op = String(e['operator'])
      parts.push(
        values
          ? `${String(e['key'])} ${op} (${values})`
          : `${op} ${String(e['key'])}`,
      )
    }
  }
  return parts.filter((p) => p !== '').join(', ') || 'everything'
}

function describeMap(map: Dict): string {
  return Object.entries(map)
    .map(([key, value]) => `${key}=${text(value)}`)
    .join(', ')
}
