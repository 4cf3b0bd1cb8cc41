// A streaming lcov reader (the geninfo tracefile format, lcov 1.x and 2.x):
// SF, DA, LF/LH, BRDA, BRF/BRH, FN/FNDA, FNL/FNA, FNF/FNH, end_of_record.
// Per C55 lines come from DA when there are any and from LF/LH otherwise,
// so a record with no DA still counts and one with LF:0 is n/a.
// https://github.com/linux-test-project/lcov/blob/master/man/geninfo.1
import { FileRecord } from './file-record.js'
import { forEachLine } from './read-lines.js'
import type { ReportRead, ReportSink } from './report-sink.js'

type SummaryTag = 'LF' | 'LH' | 'BRF' | 'BRH' | 'FNF' | 'FNH'

/** Reads an lcov file a line at a time into the sink. */
export async function readLcov(
  file: string,
  sink: ReportSink,
): Promise<ReportRead> {
  const reader = new LcovReader(sink)
  await forEachLine(file, (text, start, end) => reader.lineIn(text, start, end))
  reader.end()
  return { format: 'lcov', files: reader.files, ignored: reader.ignored }
}

/** The reader's state between lines: the record being read. */
export class LcovReader {
  files = 0
  ignored = 0
  private record: FileRecord | undefined
  /** FN's line for each function name, for FNDA (which names no line). */
  private functionLines = new Map<string, number>()
  /** FNL's line for each function index, for FNA (lcov 2). */
  private indexLines = new Map<string, number>()
  private summary: Partial<Record<SummaryTag, number>> = {}

  constructor(private readonly sink: ReportSink) {}

  /** Reads one line of the file. */
  line(raw: string): void {
    this.lineIn(raw, 0, raw.length)
  }

  /** Reads the line `text` holds from `start` up to `end`. */
  lineIn(text: string, start: number, end: number): void {
    // DA lines are most of any report: read them without a string each.
    const record = this.record
    if (
      record &&
      text.startsWith('DA:', start) &&
      this.plainDa(text, start + 3, end, record)
    ) {
      return
    }
    const line = text.slice(start, end).trim()
    if (line === '') return
    const colon = line.indexOf(':')
    const tag = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1)
    if (tag === 'SF') {
      this.flush()
      this.record = new FileRecord(value)
      return
    }
    if (tag === 'end_of_record') {
      this.flush()
      return
    }
    if (tag === 'TN' || tag === 'VER') return
    if (record === undefined || !this.entry(record, tag, value.split(','))) {
      this.ignored += 1
    }
  }

  /** Ends the file: a last record without end_of_record still counts. */
  end(): void {
    this.flush()
  }

  /** Reads one entry of a record; false when it was not understood. */
  private entry(record: FileRecord, tag: string, fields: string[]): boolean {
    const [a = '', b = '', c = '', d = ''] = fields
    switch (tag) {
      case 'DA':
        return record.line(whole(a), count(b))
      case 'BRDA':
        // taken is `-` when the branch's block never ran.
        return record.branch(whole(a), `${b},${c}`, d !== '-' && count(d) > 0)
      case 'FN': {
        // lcov 2 writes FN:<start>,<end>,<name>.
        const name = fields.length >= 3 ? fields.slice(2).join(',') : b
        const line = whole(a)
        if (name === '' || Number.isNaN(line)) return false
        this.functionLines.set(name, line)
        return record.function(line, name, false)
      }
      case 'FNDA': {
        const name = fields.slice(1).join(',')
        const line = this.functionLines.get(name) ?? 0
        return name !== '' && record.function(line, name, count(a) > 0)
      }
      case 'FNL':
        this.indexLines.set(a, whole(b))
        return !Number.isNaN(whole(b))
      case 'FNA': {
        const name = fields.slice(2).join(',')
        const line = this.indexLines.get(a) ?? 0
        return name !== '' && record.function(line, name, count(b) > 0)
      }
      case 'LF':
      case 'LH':
      case 'BRF':
      case 'BRH':
      case 'FNF':
      case 'FNH': {
        const n = whole(a)
        if (Number.isNaN(n)) return false
        this.summary[tag] = n
        return true
      }
      default:
        return false
    }
  }

  /**
   * `DA:<line>,<hits>[,<checksum>]` with plain digits, from `from` (after
   * `DA:`) to `end`, read a character at a time; false for any other
   * shape, which the general path then reads.
   */
  private plainDa(
    text: string,
    from: number,
    end: number,
    record: FileRecord,
  ): boolean {
    let i = from
    let line = 0
    for (; i < end && isDigit(text.charCodeAt(i)); i += 1) {
      line = line * 10 + text.charCodeAt(i) - 48
    }
    if (i === from || text.charCodeAt(i) !== COMMA) return false
    const hitsFrom = (i += 1)
    let hits = 0
    for (; i < end && isDigit(text.charCodeAt(i)); i += 1) {
      hits = hits * 10 + text.charCodeAt(i) - 48
    }
    const next = text.charCodeAt(i)
    if (i === hitsFrom || (i < end && next !== COMMA && next !== CR)) {
      return false
    }
    if (!record.line(line, hits)) this.ignored += 1
    return true
  }

  private flush(): void {
    const record = this.record
    if (record === undefined) return
    const s = this.summary
    if (s.LF !== undefined) record.summary('lines', s.LF, s.LH ?? 0)
    if (s.BRF !== undefined) record.summary('branches', s.BRF, s.BRH ?? 0)
    if (s.FNF !== undefined) record.summary('functions', s.FNF, s.FNH ?? 0)
    if (record.rawPath.trim() !== '') {
      this.sink.add(record.build(this.sink.place(record.rawPath)))
      this.files += 1
    } else this.ignored += 1
    this.record = undefined
    this.summary = {}
    this.functionLines = new Map()
    this.indexLines = new Map()
  }
}

const COMMA = 44
const CR = 13

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** A whole number, NaN otherwise. */
function whole(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : NaN
}

/** An execution count; anything unreadable counts as not run. */
function count(text: string): number {
  const n = Number(text)
  return Number.isFinite(n) ? n : 0
}
