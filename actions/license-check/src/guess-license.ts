// A license guessed from a package's files when it declares none: the
// telling phrase of a few common license texts in LICENSE/COPYING, or a
// "License" section of the README. A guess is only ever reported as one.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseLicense } from '../../../lib/spdx/index.js'

/** A license read from a file rather than declared. */
export interface GuessedLicense {
  /** An SPDX id. */
  readonly license: string
  /** The file it was read from, relative to the package (`README.md`). */
  readonly file: string
}

// Each text's own wording, distinctive enough not to match another.
const TEXTS: readonly { license: string; phrases: readonly RegExp[] }[] = [
  { license: 'MIT', phrases: [/permission is hereby granted, free of charge/] },
  {
    license: 'ISC',
    phrases: [/permission to use, copy, modify, and\/?or distribute this/],
  },
  { license: 'Apache-2.0', phrases: [/apache license/, /version 2\.0/] },
  {
    license: 'BSD-3-Clause',
    phrases: [/redistribution and use in source and binary forms/, /neither/],
  },
  {
    license: 'BSD-2-Clause',
    phrases: [/redistribution and use in source and binary forms/],
  },
  { license: 'Unlicense', phrases: [/free and unencumbered software/] },
  { license: 'MPL-2.0', phrases: [/mozilla public license,? v(ersion )?2\.0/] },
  {
    license: 'GPL-3.0-only',
    phrases: [/gnu general public license/, /version 3/],
  },
]

const LICENSE_FILE = /^(licen[cs]e|copying)([.-].*)?$/i
const README_FILE = /^readme(\..*)?$/i

/** Guesses the license of the package in `dir`; undefined when none shows. */
export function guessLicense(dir: string): GuessedLicense | undefined {
  let names: string[]
  try {
    names = readdirSync(dir).sort()
  } catch {
    return undefined
  }
  for (const file of names.filter((name) => LICENSE_FILE.test(name))) {
    const text = readText(join(dir, file))
    const license = text === undefined ? undefined : fromLicenseText(text)
    if (license !== undefined) return { license, file }
  }
  for (const file of names.filter((name) => README_FILE.test(name))) {
    const text = readText(join(dir, file))
    const license = text === undefined ? undefined : fromReadme(text)
    if (license !== undefined) return { license, file }
  }
  return undefined
}

/** The license whose wording `text` carries. */
export function fromLicenseText(text: string): string | undefined {
  const flat = text.toLowerCase().replace(/\s+/g, ' ')
  return TEXTS.find((t) => t.phrases.every((p) => p.test(flat)))?.license
}

/**
 * The license a README names: the first line of its License section, or a
 * "licensed under the X license" sentence, when that reads as SPDX.
 */
export function fromReadme(text: string): string | undefined {
  const section = /^#{1,6}\s*licen[cs]e\s*#*\s*$\s*^(.+)$/im.exec(text)?.[1]
  const sentence = /licensed under the ([\w.+ -]{2,40}?) licen[cs]e/i.exec(
    text,
  )?.[1]
  for (const candidate of [section, sentence]) {
    if (candidate === undefined) continue
    const bare = candidate
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_`]/g, '')
      .trim()
    const license = fromLicenseText(bare) ?? spdxOf(bare)
    if (license !== undefined) return license
  }
  return undefined
}

function spdxOf(text: string): string | undefined {
  const words = text.replace(/[.,;:]+$/, '')
  const parsed = parseLicense(words)
  if (parsed.ok) return parsed.text
  const first = parseLicense(words.split(/\s/)[0] ?? '')
  return first.ok ? first.text : undefined
}

// Licenses are short; a huge README is read only so far.
const MAX_BYTES = 256 * 1024

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').slice(0, MAX_BYTES)
  } catch {
    return undefined
  }
}
