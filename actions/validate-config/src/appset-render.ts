// An ApplicationSet's template rendered for each element of its list
// generators, as Argo CD would: Go templates (`{{.name}}`) with goTemplate,
// fasttemplate (`{{name}}`) without. Every key a template uses must be in
// every element; a missing one renders as "<no value>", or as the tag
// itself, or fails the whole set with missingkey=error.
import type { Dict, Path } from './yaml-source.js'
import { get, isDict, list, text } from './yaml-source.js'

/** A key a template uses that an element lacks, and where it is used. */
export interface MissingKey {
  readonly key: string
  /** Where in spec.template it is used. */
  readonly usedAt: Path
  readonly action: string
}

/** One list element and the template rendered with it. */
export interface ElementRender {
  /** Where the element is in the ApplicationSet. */
  readonly path: Path
  /** The element's `name`, or its position. */
  readonly label: string
  /** spec.template with every action it could render filled in. */
  readonly template: unknown
  readonly missing: readonly MissingKey[]
}

const ACTION = /\{\{(-?)(.*?)(-?)\}\}/gs

/** The template rendered for every element of every list generator. */
export function renderElements(appSet: unknown): ElementRender[] {
  const template = get(appSet, 'spec', 'template')
  const goTemplate = get(appSet, 'spec', 'goTemplate') === true
  const renders: ElementRender[] = []
  list(appSet, 'spec', 'generators').forEach((generator, g) => {
    list(generator, 'list', 'elements').forEach((element, e) => {
      if (!isDict(element)) return
      const missing: MissingKey[] = []
      const name = element['name']
      renders.push({
        path: ['spec', 'generators', g, 'list', 'elements', e],
        label: typeof name === 'string' ? name : `#${e + 1}`,
        template: renderValue(template, element, goTemplate, [], missing),
        missing,
      })
    })
  })
  return renders
}

function renderValue(
  value: unknown,
  params: Dict,
  goTemplate: boolean,
  path: Path,
  missing: MissingKey[],
): unknown {
  if (typeof value === 'string') {
    return renderString(value, params, goTemplate, (key, action) =>
      missing.push({ key, usedAt: path, action }),
    )
  }
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      renderValue(item, params, goTemplate, [...path, i], missing),
    )
  }
  if (isDict(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        renderValue(v, params, goTemplate, [...path, k], missing),
      ]),
    )
  }
  return value
}

/**
 * `text` with each action that reads one key replaced by its value; an
 * action doing more (functions, pipes) is left as written. `onMissing` hears
 * of every key used that `params` lacks.
 */
export function renderString(
  text: string,
  params: Dict,
  goTemplate: boolean,
  onMissing: (key: string, action: string) => void,
): string {
  // Inside range or with the dot is another value, so keys are not checked
  // there; `end` closes the innermost block.
  const blocks: boolean[] = []
  return text.replace(ACTION, (whole: string, _l: string, inner: string) => {
    const body = inner.trim()
    if (!goTemplate) {
      const value = lookup(params, body, true)
      if (value === undefined) onMissing(body, whole)
      return value === undefined ? whole : show(value)
    }
    const moved = blocks.includes(true)
    const keyword = /^(range|with|if|block|define|end)\b/.exec(body)?.[1]
    if (keyword === 'end') blocks.pop()
    else if (keyword !== undefined)
      blocks.push(keyword === 'range' || keyword === 'with')
    if (moved) return whole
    const code = body.replace(
      /"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)'/g,
      '""',
    )
    for (const match of code.matchAll(
      /(?:^|[\s(|,])\$?\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g,
    )) {
      const key = match[1] ?? ''
      if (lookup(params, key, false) === undefined) onMissing(key, whole)
    }
    const single = /^\$?\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)$/.exec(body)
    const value = single ? lookup(params, single[1] ?? '', false) : undefined
    return value === undefined ? whole : show(value)
  })
}

/** A key's value: `a.b` is the key `a.b` itself first in fasttemplate. */
function lookup(params: Dict, key: string, flatFirst: boolean): unknown {
  if (flatFirst && Object.hasOwn(params, key)) return params[key]
  return get(params, ...key.split('.'))
}

function show(value: unknown): string {
  return value === null ? '' : text(value)
}

/** Whether a rendered value still holds an action it could not fill. */
export function isTemplated(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{')
}
