// Looking up SPDX license and exception ids: exact, then regardless of case
// (SPDX ids match case-insensitively, but a report should spell them as
// SPDX does), then deprecated ids with their current form.
import {
  DEPRECATED_EXCEPTION_IDS,
  DEPRECATED_LICENSE_IDS,
  EXCEPTION_IDS,
  LICENSE_IDS,
} from './license-list.js'

/** An id found in a list, and whether its case had to be corrected. */
export interface IdMatch {
  /** As SPDX spells it. */
  readonly id: string
  readonly caseChanged: boolean
  readonly deprecated: boolean
}

function byLowerCase(ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id.toLowerCase(), id]))
}

const LICENSES = byLowerCase(LICENSE_IDS)
const OLD_LICENSES = byLowerCase(DEPRECATED_LICENSE_IDS)
const EXCEPTIONS = byLowerCase(EXCEPTION_IDS)
const OLD_EXCEPTIONS = byLowerCase(DEPRECATED_EXCEPTION_IDS)

function find(
  text: string,
  current: Map<string, string>,
  deprecated: Map<string, string>,
): IdMatch | undefined {
  const key = text.toLowerCase()
  const id = current.get(key) ?? deprecated.get(key)
  if (id === undefined) return undefined
  return { id, caseChanged: id !== text, deprecated: !current.has(key) }
}

/** The SPDX license id `text` names, current or deprecated, in any case. */
export function findLicenseId(text: string): IdMatch | undefined {
  return find(text, LICENSES, OLD_LICENSES)
}

/** The SPDX exception id `text` names, current or deprecated, in any case. */
export function findExceptionId(text: string): IdMatch | undefined {
  return find(text, EXCEPTIONS, OLD_EXCEPTIONS)
}

/** Every current SPDX license id, for suggestions and wildcards. */
export function allLicenseIds(): readonly string[] {
  return LICENSE_IDS
}

/** Every deprecated SPDX license id. */
export function deprecatedLicenseIds(): readonly string[] {
  return DEPRECATED_LICENSE_IDS
}

/** Whether `text` is a user-defined `LicenseRef-…` (SPDX annex D). */
export function isLicenseRef(text: string): boolean {
  return /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(text)
}

/** A deprecated id's current form: a license and perhaps an exception. */
export interface Replacement {
  readonly license: string
  readonly exception?: string
}

// The GNU ids without -only/-or-later, which SPDX 3.0 deprecated: the bare
// id meant "this version only" and a trailing + "or later".
const GNU_BARE = /^(A?GPL|LGPL|GFDL)-(\d\.\d)$/

// Deprecated ids that are not GNU ones, or that folded an exception into
// the id, with what the SPDX list names as their replacement.
const REPLACED: Record<string, Replacement> = {
  'GPL-2.0-with-classpath-exception': {
    license: 'GPL-2.0-only',
    exception: 'Classpath-exception-2.0',
  },
  'GPL-2.0-with-GCC-exception': {
    license: 'GPL-2.0-only',
    exception: 'GCC-exception-2.0',
  },
  'GPL-2.0-with-autoconf-exception': {
    license: 'GPL-2.0-only',
    exception: 'Autoconf-exception-2.0',
  },
  'GPL-2.0-with-bison-exception': {
    license: 'GPL-2.0-only',
    exception: 'Bison-exception-2.2',
  },
  'GPL-2.0-with-font-exception': {
    license: 'GPL-2.0-only',
    exception: 'Font-exception-2.0',
  },
  'GPL-3.0-with-GCC-exception': {
    license: 'GPL-3.0-only',
    exception: 'GCC-exception-3.1',
  },
  'GPL-3.0-with-autoconf-exception': {
    license: 'GPL-3.0-only',
    exception: 'Autoconf-exception-3.0',
  },
  'eCos-2.0': {
    license: 'GPL-2.0-or-later',
    exception: 'eCos-exception-2.0',
  },
  wxWindows: {
    license: 'LGPL-2.0-or-later',
    exception: 'WxWindows-exception-3.1',
  },
  'BSD-2-Clause-FreeBSD': { license: 'BSD-2-Clause' },
  'BSD-2-Clause-NetBSD': { license: 'BSD-2-Clause' },
  'StandardML-NJ': { license: 'SMLNJ' },
  Nunit: { license: 'zlib-acknowledgement' },
  'bzip2-1.0.5': { license: 'bzip2-1.0.6' },
}

/**
 * The current form of license `id` (as SPDX spells it), `plus` when it was
 * written with a trailing `+`: `GPL-2.0` → `GPL-2.0-only`, `GPL-2.0+` →
 * `GPL-2.0-or-later`. Undefined when the id needs no change or SPDX names
 * no replacement.
 */
export function replacementOf(
  id: string,
  plus: boolean,
): Replacement | undefined {
  const gnu = GNU_BARE.exec(id)
  if (gnu !== null) {
    return { license: `${id}-${plus ? 'or-later' : 'only'}` }
  }
  const only = /^((?:A?GPL|LGPL|GFDL)-\d\.\d)-only$/.exec(id)
  if (only !== null && plus) return { license: `${only[1]}-or-later` }
  return REPLACED[id]
}
