// Names people write instead of SPDX ids, in package.json files and in
// allow-lists. A name that means one license maps to its id; a family name
// (`BSD`, `GPL`) means several, so it only yields suggestions.

/** What a non-SPDX name stands for: one id, or a choice to offer. */
export type Alias =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'family'; readonly suggestions: readonly string[] }

// Keys are written as aliasKey() leaves them: lower case, single spaces,
// no leading "the", no trailing "license", no "version".
const SAME: Record<string, readonly string[]> = {
  'Apache-2.0': [
    'apache 2.0',
    'apache 2',
    'apache-2',
    'apache2',
    'apache v2',
    'apache-2.0 license',
    'apache 2.0 license',
    'asl 2.0',
    'asl-2.0',
  ],
  MIT: ['mit/x11', 'expat', 'mit-style'],
  'BSD-2-Clause': ['bsd 2-clause', 'bsd-2', 'simplified bsd', 'freebsd'],
  'BSD-3-Clause': [
    'bsd 3-clause',
    'bsd-3',
    'new bsd',
    'modified bsd',
    'revised bsd',
  ],
  'GPL-2.0-only': ['gplv2', 'gpl v2', 'gpl 2', 'gpl-2', 'gnu gpl v2'],
  'GPL-3.0-only': ['gplv3', 'gpl v3', 'gpl 3', 'gpl-3', 'gnu gpl v3'],
  'LGPL-2.1-only': ['lgplv2.1', 'lgpl v2.1', 'lgpl 2.1'],
  'LGPL-3.0-only': ['lgplv3', 'lgpl v3', 'lgpl 3', 'lgpl-3'],
  'AGPL-3.0-only': ['agplv3', 'agpl v3', 'agpl 3', 'agpl-3'],
  'MPL-2.0': ['mpl 2.0', 'mpl2', 'mozilla public 2.0', 'mpl v2'],
  'EPL-2.0': ['epl 2.0', 'eclipse public 2.0'],
  'CC0-1.0': ['cc0', 'cc0 1.0'],
  'BSL-1.0': ['boost', 'boost software 1.0'],
  'PSF-2.0': ['psf', 'python software foundation'],
}

const FAMILIES: Record<string, readonly string[]> = {
  apache: ['Apache-2.0', 'Apache-*'],
  bsd: ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-*'],
  gpl: ['GPL-2.0-only', 'GPL-3.0-only', 'GPL-*'],
  lgpl: ['LGPL-2.1-only', 'LGPL-3.0-only', 'LGPL-*'],
  agpl: ['AGPL-3.0-only', 'AGPL-*'],
  mpl: ['MPL-2.0', 'MPL-*'],
  epl: ['EPL-2.0', 'EPL-1.0', 'EPL-*'],
  'creative commons': ['CC0-1.0', 'CC-BY-4.0', 'CC-*'],
  'cc-by': ['CC-BY-4.0', 'CC-BY-3.0', 'CC-BY-*'],
  'public domain': ['Unlicense', 'CC0-1.0'],
}

const ALIASES = new Map<string, Alias>()
for (const [id, names] of Object.entries(SAME)) {
  for (const name of names) ALIASES.set(name, { kind: 'id', id })
}
for (const [name, suggestions] of Object.entries(FAMILIES)) {
  ALIASES.set(name, { kind: 'family', suggestions })
}

/** `text` reduced to the form the alias table is keyed by. */
export function aliasKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/ licen[cs]e$/, '')
    .replace(/ licen[cs]e /, ' ')
    .replace(/\bversion /g, '')
    .trim()
}

/** What the non-SPDX name `text` stands for, when the table knows it. */
export function aliasOf(text: string): Alias | undefined {
  return ALIASES.get(aliasKey(text))
}
