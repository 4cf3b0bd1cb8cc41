// YAML paths as people write them in inputs: `spec.template.spec`,
// `containers[0].image`, and keys with dots or slashes in brackets and
// quotes: `metadata.annotations["argocd.argoproj.io/sync-wave"]`.
import type { YamlPath } from './edit.js'
import { YamlEditError } from './edit.js'
import { quote } from '../runner/config-error.js'

const PART = /\.?([^.[\]"']+)|\[(\d+)\]|\[(["'])(.*?)\3\]|\.(["'])(.*?)\5/y

/** Reads `a.b[0]."c.d"` into `['a', 'b', 0, 'c.d']`; a YamlEditError if malformed. */
export function parsePath(text: string): YamlPath {
  const path: (string | number)[] = []
  PART.lastIndex = 0
  while (PART.lastIndex < text.length) {
    const at = PART.lastIndex
    const m = PART.exec(text)
    if (m === null || (at === 0 && text.startsWith('.'))) {
      throw new YamlEditError(
        `path ${quote(text)} is not valid at character ${at + 1}; ` +
          'expected keys separated by dots, [index] or ["key"]',
      )
    }
    const [, key, index, , bracketed, , dotted] = m
    if (index !== undefined) path.push(Number(index))
    else path.push(key ?? bracketed ?? dotted ?? '')
  }
  if (path.length === 0) {
    throw new YamlEditError('an empty path; expected keys separated by dots')
  }
  return path
}
