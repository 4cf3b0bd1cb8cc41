// The SPDX expression parser: OR binds loosest, then AND, then WITH;
// parentheses group. It never throws: a string that is not an expression
// comes back with the reason and, where one is plain, a suggestion.
import { aliasKey, aliasOf } from './aliases.js'
import type { LicenseTerm, SpdxExpression } from './expression.js'
import { compound, formatExpression } from './expression.js'
import { findLicenseId } from './identifiers.js'
import { resolveExceptionWord, resolveLicenseWord } from './resolve-term.js'

/** A license string read as an SPDX expression, or why it is not one. */
export type ParsedLicense =
  | {
      readonly ok: true
      readonly expression: SpdxExpression
      /** The expression as SPDX writes it. */
      readonly text: string
      /** Corrections made on the way (case, aliases, deprecated ids). */
      readonly notes: readonly string[]
    }
  | {
      readonly ok: false
      readonly reason: string
      /** What the writer may have meant, best first. */
      readonly suggestions: readonly string[]
    }

// Longer than any real expression; keeps the recursion shallow.
const MAX_LENGTH = 1_000

class Unparseable extends Error {
  constructor(
    readonly reason: string,
    readonly suggestions: readonly string[] = [],
  ) {
    super(reason)
  }
}

/** Parses an SPDX license expression, correcting what it safely can. */
export function parseLicense(text: string): ParsedLicense {
  const trimmed = text.trim()
  if (trimmed === '') return fail('the license is empty', [])
  if (trimmed.length > MAX_LENGTH) {
    return fail(`the license is over ${MAX_LENGTH} characters`, [])
  }
  try {
    const notes: string[] = []
    const expression = new Parser(trimmed, notes).parse()
    return ok(expression, notes)
  } catch (error: unknown) {
    if (!(error instanceof Unparseable)) throw error
    return asWholeName(trimmed) ?? fail(error.reason, repairs(trimmed, error))
  }
}

function ok(expression: SpdxExpression, notes: string[]): ParsedLicense {
  return {
    ok: true,
    expression,
    text: formatExpression(expression),
    notes: [...new Set(notes)],
  }
}

function fail(reason: string, suggestions: readonly string[]): ParsedLicense {
  return { ok: false, reason, suggestions }
}

// "Apache License, Version 2.0" or "The MIT License": a name with spaces
// that is one license, which the word-by-word parse cannot see.
function asWholeName(text: string): ParsedLicense | undefined {
  const name = text.replace(/^\((.*)\)$/, '$1')
  const alias = aliasOf(name)
  const id = alias?.kind === 'id' ? alias.id : findLicenseId(aliasKey(name))?.id
  if (id === undefined) return undefined
  const term: LicenseTerm = { type: 'license', id, plus: false }
  return ok(term, [`"${name}" is not an SPDX id; read as "${id}"`])
}

// `Unlicense/MIT` and `MIT, Apache-2.0` are how people write a choice.
function repairs(text: string, error: Unparseable): string[] {
  if (/[/,]/.test(text)) {
    const repaired = parseLicense(text.replace(/\s*[/,]\s*/g, ' OR '))
    if (repaired.ok) return [repaired.text]
  }
  const name = aliasOf(text)
  if (name?.kind === 'family') return [...name.suggestions]
  return [...error.suggestions]
}

type Token = { kind: '(' | ')' | 'AND' | 'OR' | 'WITH' | 'word'; text: string }

function tokenize(text: string, notes: string[]): Token[] {
  return (text.match(/\(|\)|[^\s()]+/g) ?? []).map((word) => {
    if (word === '(' || word === ')') return { kind: word, text: word }
    const upper = word.toUpperCase()
    if (upper === 'AND' || upper === 'OR' || upper === 'WITH') {
      if (word !== upper) notes.push(`read "${word}" as "${upper}"`)
      return { kind: upper, text: word }
    }
    return { kind: 'word', text: word }
  })
}

class Parser {
  private readonly tokens: Token[]
  private at = 0

  constructor(
    text: string,
    private readonly notes: string[],
  ) {
    this.tokens = tokenize(text, notes)
  }

  parse(): SpdxExpression {
    const expression = this.or()
    const extra = this.tokens[this.at]
    if (extra !== undefined) {
      throw new Unparseable(`unexpected "${extra.text}" after a license`)
    }
    return expression
  }

  private or(): SpdxExpression {
    const terms = [this.and()]
    while (this.accept('OR')) terms.push(this.and())
    return compound('or', terms)
  }

  private and(): SpdxExpression {
    const terms = [this.primary()]
    while (this.accept('AND')) terms.push(this.primary())
    return compound('and', terms)
  }

  private primary(): SpdxExpression {
    const token = this.tokens[this.at]
    if (token === undefined) {
      throw new Unparseable('the expression ends where a license should be')
    }
    this.at += 1
    if (token.kind === '(') {
      const inner = this.or()
      if (!this.accept(')')) throw new Unparseable('a "(" is never closed')
      return inner
    }
    if (token.kind !== 'word') {
      throw new Unparseable(`"${token.text}" where a license should be`)
    }
    return this.term(token.text)
  }

  private term(word: string): LicenseTerm {
    const license = resolveLicenseWord(word)
    if (!license.ok) {
      throw new Unparseable(license.reason, license.suggestions)
    }
    this.notes.push(...license.notes)
    if (!this.accept('WITH')) {
      return { type: 'license', ...pick(license) }
    }
    const next = this.tokens[this.at]
    if (next?.kind !== 'word') {
      throw new Unparseable('WITH is not followed by an exception id')
    }
    this.at += 1
    if (license.exception !== undefined) {
      throw new Unparseable(`"${word}" already carries an exception`)
    }
    const exception = resolveExceptionWord(next.text)
    if (!exception.ok) throw new Unparseable(exception.reason)
    this.notes.push(...exception.notes)
    return { type: 'license', ...pick(license), exception: exception.id }
  }

  private accept(kind: Token['kind']): boolean {
    if (this.tokens[this.at]?.kind !== kind) return false
    this.at += 1
    return true
  }
}

function pick(word: {
  id: string
  plus: boolean
  exception?: string
}): Omit<LicenseTerm, 'type'> {
  return {
    id: word.id,
    plus: word.plus,
    ...(word.exception === undefined ? {} : { exception: word.exception }),
  }
}
