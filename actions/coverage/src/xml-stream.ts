// A small streaming XML tokenizer, enough for coverage reports: start and
// end tags with attributes, text, and the markup it skips (comments, CDATA
// as text, processing instructions, a DOCTYPE). It is fed chunks and keeps
// only the unfinished tail of the last one, so a 50 MB report is never held
// whole. It checks no nesting and resolves no external entities.

/** What the tokenizer reports, in document order. */
export interface XmlHandler {
  /** A start tag; `attributes` is the raw text, read with `attributeOf`. */
  open(name: string, attributes: string, selfClosing: boolean): void
  close(name: string): void
  /** Text between tags, entities not yet decoded (CDATA already plain). */
  text?(raw: string, cdata: boolean): void
}

/** A tag this long without its `>` means the document is broken. */
const MAX_TAG = 1 << 20

// Alternatives that start with different characters, so a tag is matched
// in one pass without backtracking; `>` inside quoted values is allowed.
const TAG =
  /<(\/?)([A-Za-z_:][-\w.:]*)((?:[^>"'/]|"[^"]*"|'[^']*'|\/(?!>))*)(\/?)>/y

/** A malformed document, with where the trouble starts. */
export class XmlError extends Error {
  override readonly name = 'XmlError'
}

/** Feeds text to an XmlHandler as it arrives. */
export class XmlStream {
  private buffer = ''
  /** Characters consumed before the buffer, for error positions. */
  private offset = 0

  constructor(private readonly handler: XmlHandler) {}

  /** Takes the next piece of the document. */
  write(chunk: string): void {
    this.buffer =
      this.buffer === '' && this.offset === 0
        ? chunk.replace(/^\uFEFF/, '')
        : this.buffer + chunk
    this.scan(false)
  }

  /** The document has ended: anything left unfinished is an error. */
  end(): void {
    this.scan(true)
    if (this.buffer.trim() !== '') {
      throw new XmlError(
        `the XML ends inside markup at character ${this.offset}: ${JSON.stringify(this.buffer.slice(0, 40))}`,
      )
    }
  }

  private scan(final: boolean): void {
    const buf = this.buffer
    let pos = 0
    while (pos < buf.length) {
      const lt = buf.indexOf('<', pos)
      if (lt < 0) {
        this.handler.text?.(buf.slice(pos), false)
        pos = buf.length
        break
      }
      if (lt > pos) this.handler.text?.(buf.slice(pos, lt), false)
      pos = lt
      const next = this.markup(buf, lt, final)
      if (next < 0) break
      pos = next
    }
    this.buffer = buf.slice(pos)
    this.offset += pos
  }

  /** Handles the markup at `lt`; the index after it, or -1 for more input. */
  private markup(buf: string, lt: number, final: boolean): number {
    if (buf.startsWith('<!--', lt)) return this.skipTo(buf, lt, '-->')
    if (buf.startsWith('<![CDATA[', lt)) {
      const end = buf.indexOf(']]>', lt)
      if (end < 0) return -1
      this.handler.text?.(buf.slice(lt + 9, end), true)
      return end + 3
    }
    if (buf.startsWith('<?', lt)) return this.skipTo(buf, lt, '?>')
    if (buf.startsWith('<!', lt)) {
      // A DOCTYPE may hold an internal subset in brackets, with `>` inside.
      const bracket = buf.indexOf('[', lt)
      const close = buf.indexOf('>', lt)
      if (bracket >= 0 && (close < 0 || bracket < close)) {
        return this.skipTo(buf, lt, ']>')
      }
      return close < 0 ? -1 : close + 1
    }
    TAG.lastIndex = lt
    const match = TAG.exec(buf)
    if (match === null) {
      if (!final && buf.length - lt < MAX_TAG) return -1
      throw new XmlError(
        `malformed tag at character ${this.offset + lt}: ${JSON.stringify(buf.slice(lt, lt + 40))}`,
      )
    }
    const [whole, slash = '', name = '', attributes = '', selfClosing] = match
    if (slash === '/') this.handler.close(name)
    else {
      this.handler.open(name, attributes, selfClosing === '/')
      if (selfClosing === '/') this.handler.close(name)
    }
    return lt + whole.length
  }

  private skipTo(buf: string, lt: number, terminator: string): number {
    const end = buf.indexOf(terminator, lt + 2)
    return end < 0 ? -1 : end + terminator.length
  }
}

/**
 * One attribute of a start tag's raw attribute text, decoded; undefined
 * when absent. It steps from attribute to attribute over the quoted values,
 * so a name inside another attribute's value never matches, and builds no
 * map: a report has a million <line> elements.
 */
export function attributeOf(raw: string, name: string): string | undefined {
  let i = 0
  for (;;) {
    while (i < raw.length && raw.charCodeAt(i) <= SPACE) i += 1
    const equals = raw.indexOf('=', i)
    if (equals < 0) return undefined
    let value = equals + 1
    while (raw.charCodeAt(value) <= SPACE) value += 1
    const quote = raw[value]
    if (quote !== '"' && quote !== "'") return undefined
    const close = raw.indexOf(quote, value + 1)
    if (close < 0) return undefined
    if (
      raw.startsWith(name, i) &&
      raw.slice(i + name.length, equals).trim() === ''
    ) {
      return decodeEntities(raw.slice(value + 1, close))
    }
    i = close + 1
  }
}

const SPACE = 32

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
}

/** Text with XML's five named entities and character references decoded. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9A-Fa-f]+|#\d+|[A-Za-z]+);/g, (all, ref) => {
    const name = String(ref)
    if (name.startsWith('#')) {
      const code = name.startsWith('#x')
        ? parseInt(name.slice(2), 16)
        : parseInt(name.slice(1), 10)
      return code <= 0x10ffff ? String.fromCodePoint(code) : all
    }
    return NAMED[name] ?? all
  })
}
