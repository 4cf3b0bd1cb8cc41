// Edits one string of a JSON document as text. Parsing and re-serialising
// would lose the file's indentation, key order, escapes and final newline,
// and a regex over the whole document cannot tell the root `"version"` from
// one nested in `dependencies`. So a small tokenizer walks the document once,
// validates all of it, and remembers where the value at the path starts and
// ends; only those bytes are replaced.

/** A JSON document that does not parse, or holds the wrong thing at a path. */
export class JsonTextError extends Error {
  override readonly name = 'JsonTextError'

  constructor(
    /** `syntax`: the text is not JSON; `type`: the path holds a non-string. */
    readonly kind: 'syntax' | 'type',
    /** What is wrong, without the position. */
    readonly reason: string,
    /** 1-based line of the offending character. */
    readonly line: number,
    /** 1-based column of the offending character (UTF-16 units). */
    readonly column: number,
  ) {
    super(`${reason} at ${line}:${column}`)
  }
}

/** Where the value at the searched path lies. */
interface Located {
  start: number
  end: number
  kind: 'string' | 'number' | 'object' | 'array' | 'boolean' | 'null'
}

// JSON forbids raw control characters inside strings, so the class names them.
// eslint-disable-next-line no-control-regex
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const LITERALS = ['true', 'false', 'null'] as const
// Far deeper than any manifest; stops a hostile file before the stack does.
const MAX_DEPTH = 512

/**
 * Sets the string at `path` (object keys; array indices as decimal strings)
 * and leaves every other byte as it was. `found` is false when nothing is at
 * the path; a value there that is not a string, or a document that does not
 * parse, throws a JsonTextError with the line and column.
 */
export function setJsonString(
  text: string,
  path: string[],
  value: string,
): { text: string; changed: boolean; found: boolean } {
  const located = new Walker(text, path).run()
  if (located === undefined) return { text, changed: false, found: false }
  if (located.kind !== 'string') {
    const { line, column } = position(text, located.start)
    const where = path.length === 0 ? 'the document' : jsonPath(path)
    throw new JsonTextError(
      'type',
      `${where} is ${article(located.kind)}, not a string`,
      line,
      column,
    )
  }
  const current = JSON.parse(text.slice(located.start, located.end)) as string
  if (current === value) return { text, changed: false, found: true }
  const edited =
    text.slice(0, located.start) +
    JSON.stringify(value) +
    text.slice(located.end)
  return { text: edited, changed: true, found: true }
}

/** A path as a person reads it: `packages[""].version`. */
export function jsonPath(path: string[]): string {
  return path
    .map((key, index) =>
      /^[A-Za-z_$][\w$-]*$/.test(key)
        ? `${index === 0 ? '' : '.'}${key}`
        : `[${JSON.stringify(key)}]`,
    )
    .join('')
}

/** 1-based line and column of an offset. */
function position(
  text: string,
  offset: number,
): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset;) {
    line += 1
    lineStart = i + 1
    i = text.indexOf('\n', lineStart)
  }
  return { line, column: offset - lineStart + 1 }
}

function article(kind: Located['kind']): string {
  if (kind === 'null') return 'null'
  return kind === 'object' || kind === 'array' ? `an ${kind}` : `a ${kind}`
}

/** One pass over the document, recording the last value at the path. */
class Walker {
  private pos = 0
  private found: Located | undefined

  constructor(
    private readonly text: string,
    private readonly path: string[],
  ) {}

  run(): Located | undefined {
    // A byte-order mark is not JSON, but editors write one; keep it as is.
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1
    this.space()
    this.value(0, true)
    this.space()
    if (this.pos < this.text.length) this.fail('unexpected text after the end')
    return this.found
  }

  private value(depth: number, onPath: boolean): void {
    if (depth > MAX_DEPTH) this.fail('nesting too deep')
    const start = this.pos
    const char = this.text[this.pos]
    let kind: Located['kind']
    if (char === '{') kind = this.object(depth, onPath)
    else if (char === '[') kind = this.array(depth, onPath)
    else if (char === '"') {
      this.string()
      kind = 'string'
    } else if (char === '-' || (char >= '0' && char <= '9')) {
      kind = this.number()
    } else kind = this.literal()
    if (onPath && depth === this.path.length) {
      this.found = { start, end: this.pos, kind }
    }
  }

  private object(depth: number, onPath: boolean): 'object' {
    this.pos += 1
    this.space()
    if (this.text[this.pos] === '}') {
      this.pos += 1
      return 'object'
    }
    for (;;) {
      this.space()
      if (this.text[this.pos] !== '"') this.fail(this.endOr('expected a key'))
      const key = this.string()
      this.space()
      if (this.text[this.pos] !== ':') this.fail(this.endOr("expected ':'"))
      this.pos += 1
      this.space()
      const next = onPath && depth < this.path.length
      this.value(depth + 1, next && key === this.path[depth])
      this.space()
      if (this.close('}')) return 'object'
    }
  }

  private array(depth: number, onPath: boolean): 'array' {
    this.pos += 1
    this.space()
    if (this.text[this.pos] === ']') {
      this.pos += 1
      return 'array'
    }
    for (let index = 0; ; index += 1) {
      this.space()
      const next = onPath && depth < this.path.length
      this.value(depth + 1, next && String(index) === this.path[depth])
      this.space()
      if (this.close(']')) return 'array'
    }
  }

  /** After a member: true at the closing bracket, false after a comma. */
  private close(bracket: '}' | ']'): boolean {
    const char = this.text[this.pos]
    if (char === ',' || char === bracket) {
      this.pos += 1
      return char === bracket
    }
    return this.fail(this.endOr(`expected ',' or '${bracket}'`))
  }

  /** Consumes a string token and returns its decoded text. */
  private string(): string {
    STRING.lastIndex = this.pos
    if (!STRING.test(this.text)) this.stringFail()
    const raw = this.text.slice(this.pos, STRING.lastIndex)
    this.pos = STRING.lastIndex
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1)
  }

  /** Finds the exact character that ends a string token too early. */
  private stringFail(): never {
    for (let i = this.pos + 1; i < this.text.length; i += 1) {
      const code = this.text.charCodeAt(i)
      if (this.text[i] === '"') break
      if (code < 0x20) {
        this.pos = i
        this.fail('control character in a string')
      }
      if (this.text[i] === '\\') {
        const escape = this.text.slice(i, i + 6)
        if (!/^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(escape)) {
          this.pos = i
          this.fail('invalid escape in a string')
        }
        i += 1
      }
    }
    return this.fail('unterminated string')
  }

  private number(): 'number' {
    NUMBER.lastIndex = this.pos
    const match = NUMBER.exec(this.text)
    if (match === null) this.fail('invalid number')
    this.pos = NUMBER.lastIndex
    return 'number'
  }

  private literal(): 'boolean' | 'null' {
    for (const word of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length
        return word === 'null' ? 'null' : 'boolean'
      }
    }
    return this.fail(
      this.endOr(`unexpected ${JSON.stringify(this.text[this.pos])}`),
    )
  }

  private space(): void {
    for (;;) {
      const char = this.text[this.pos]
      if (char !== ' ' && char !== '\t' && char !== '\n' && char !== '\r') {
        return
      }
      this.pos += 1
    }
  }

  /** The reason, or that the document ended where more was needed. */
  private endOr(reason: string): string {
    return this.pos >= this.text.length
      ? 'unexpected end of the document'
      : reason
  }

  private fail(reason: string): never {
    const at = Math.min(this.pos, this.text.length)
    const { line, column } = position(this.text, at)
    throw new JsonTextError('syntax', reason, line, column)
  }
}
