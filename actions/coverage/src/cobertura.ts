// A streaming Cobertura XML reader: <sources>, then each <class filename>
// with its <line number hits branch condition-coverage> elements and its
// <method>s. Totals come from the line elements only: the line-rate and
// branch-rate attributes are rounded, and some converters got them wrong
// (C55: LF:21/LH:0 written as line-rate="1").
// https://github.com/cobertura/cobertura/blob/master/cobertura/src/site/htdocs/xml/coverage-04.dtd
import { createReadStream } from 'node:fs'
import { POINTS_PER_LINE } from './file-coverage.js'
import { FileRecord } from './file-record.js'
import { CHUNK_BYTES } from './read-lines.js'
import type { ReportRead, ReportSink } from './report-sink.js'
import type { XmlHandler } from './xml-stream.js'
import { XmlStream, attributeOf, decodeEntities } from './xml-stream.js'

/** Reads a Cobertura file a chunk at a time into the sink. */
export async function readCobertura(
  file: string,
  sink: ReportSink,
): Promise<ReportRead> {
  const handler = new CoberturaHandler(sink)
  const xml = new XmlStream(handler)
  const stream = createReadStream(file, {
    encoding: 'utf8',
    highWaterMark: CHUNK_BYTES,
  })
  for await (const chunk of stream as AsyncIterable<string>) xml.write(chunk)
  xml.end()
  if (!handler.sawRoot) {
    throw new Error(
      `${file} is XML but not a Cobertura report: it has no <coverage> element`,
    )
  }
  return { format: 'cobertura', files: handler.files, ignored: handler.ignored }
}

interface OpenMethod {
  readonly id: string
  firstLine: number
  hit: boolean
}

/** The reader's state between tags. */
export class CoberturaHandler implements XmlHandler {
  sawRoot = false
  files = 0
  ignored = 0
  /** The <source> folders, tried in order for each class's filename. */
  readonly sources: string[] = []
  /** The <source> being read, entities still encoded. */
  private sourceText: string | undefined
  private record: FileRecord | undefined
  private method: OpenMethod | undefined

  constructor(private readonly sink: ReportSink) {}

  open(name: string, attributes: string, selfClosing: boolean): void {
    switch (name) {
      case 'coverage':
        this.sawRoot = true
        return
      case 'source':
        if (!selfClosing) this.sourceText = ''
        return
      case 'class': {
        const filename = attributeOf(attributes, 'filename')
        if (filename === undefined || filename.trim() === '') {
          this.ignored += 1
          return
        }
        this.record = new FileRecord(filename)
        return
      }
      case 'method': {
        if (this.record === undefined) return
        const name = attributeOf(attributes, 'name') ?? ''
        const id = `${name}${attributeOf(attributes, 'signature') ?? ''}`
        this.method = { id, firstLine: Infinity, hit: false }
        return
      }
      case 'line':
        this.line(attributes)
        return
    }
  }

  close(name: string): void {
    if (name === 'source' && this.sourceText !== undefined) {
      const folder = decodeEntities(this.sourceText).trim()
      if (folder !== '') this.sources.push(folder)
      this.sourceText = undefined
    } else if (name === 'method') {
      const method = this.method
      // A method with no lines (abstract, an interface's) has nothing to run.
      if (method && this.record && Number.isFinite(method.firstLine)) {
        this.record.function(method.firstLine, method.id, method.hit)
      }
      this.method = undefined
    } else if (name === 'class') {
      const record = this.record
      if (record === undefined) return
      const path = this.sink.place(record.rawPath, this.sources)
      this.sink.add(record.build(path))
      this.files += 1
      this.record = undefined
    }
  }

  text(raw: string, cdata: boolean): void {
    if (this.sourceText === undefined) return
    // Kept encoded until </source>, since a chunk may end inside an entity.
    this.sourceText += cdata ? raw.replace(/&/g, '&amp;') : raw
  }

  private line(attributes: string): void {
    const record = this.record
    if (record === undefined) return
    const text = attributeOf(attributes, 'number') ?? ''
    const number = /^\d+$/.test(text) ? Number(text) : NaN
    const hits = Number(attributeOf(attributes, 'hits') ?? '0')
    const hit = Number.isFinite(hits) && hits > 0
    if (!record.line(number, hit ? 1 : 0)) {
      this.ignored += 1
      return
    }
    if (this.method) {
      this.method.firstLine = Math.min(this.method.firstLine, number)
      this.method.hit ||= hit
    }
    if (attributeOf(attributes, 'branch') !== 'true') return
    // condition-coverage="50% (1/2)": which of the two ran is not said, so
    // the covered ones are taken to be the first.
    const coverage = attributeOf(attributes, 'condition-coverage') ?? ''
    const said = /\((\d+)\/(\d+)\)/.exec(coverage)
    if (said === null) return
    const covered = Number(said[1])
    const total = Number(said[2])
    if (total > POINTS_PER_LINE) {
      this.ignored += 1
      return
    }
    for (let i = 0; i < total; i += 1) {
      record.branch(number, String(i), i < covered)
    }
  }
}
