// Finds secrets in one text (a file, or the added lines of one file in one
// commit). One pass of a single keyword pattern over the whole text finds
// the few lines worth a closer look; only there are the rules tried that
// one of the line's keywords belongs to. Nearly all of a text is read once,
// by the keyword pattern alone.
import {
  GENERIC_KEYWORDS,
  GENERIC_RULE,
  genericOutcomes,
} from './rules/generic-rule.js'
import type { RuleInfo, SecretRule } from './rules/types.js'

/** A secret one rule found, positions within the scanned text. */
export interface RawMatch {
  readonly rule: RuleInfo
  /** The secret in the clear: kept in memory only, never shown. */
  readonly secret: string
  /** 0-based line of the text the secret starts on. */
  readonly lineIndex: number
  /** 1-based column of the secret on that line, in UTF-16 units. */
  readonly column: number
  /** The line the secret starts on, without its line break. */
  readonly line: string
  /** The key a generic secret is assigned to. */
  readonly key?: string
}

/** A candidate a rule turned down, and why. */
export interface Rejection {
  readonly ruleId: string
  readonly lineIndex: number
  /** The line, for the debug log to redact around the candidate. */
  readonly line: string
  readonly column?: number
  readonly reason: string
}

/** What one scan found. */
export interface TextFindings {
  readonly matches: RawMatch[]
  readonly rejections: Rejection[]
}

/** How far past its first line a multi-line match may reach. */
const MULTILINE_REACH = 17_000

/** A compiled rule set that scans texts. */
export class TextScanner {
  private readonly prefilter: RegExp
  private readonly byKeyword = new Map<string, SecretRule[]>()
  private readonly patterns = new Map<string, RegExp>()
  private readonly generic = new Set(GENERIC_KEYWORDS)

  /**
   * `explain` keeps every turned-down candidate with its reason, for the
   * debug log; off, the scan skips the work of judging them.
   */
  constructor(
    private readonly rules: readonly SecretRule[],
    private readonly explain = true,
  ) {
    for (const rule of rules) {
      // `d` gives the secret group's own offsets; a copy keeps each
      // scanner's lastIndex to itself.
      const flags = new Set([...rule.pattern.flags, 'd', 'g'])
      this.patterns.set(
        rule.id,
        new RegExp(rule.pattern.source, [...flags].join('')),
      )
      for (const keyword of rule.keywords) {
        const list = this.byKeyword.get(keyword) ?? []
        list.push(rule)
        this.byKeyword.set(keyword, list)
      }
    }
    const keywords = [...new Set([...this.byKeyword.keys(), ...this.generic])]
      // Longest first, so one keyword inside another is not taken instead.
      .sort((a, b) => b.length - a.length)
      .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    this.prefilter = new RegExp(keywords.join('|'), 'g')
  }

  /** Every secret in `text`, and every candidate turned down. */
  scan(text: string): TextFindings {
    const found: TextFindings = { matches: [], rejections: [] }
    const prefilter = this.prefilter
    let counted = 0
    let lineIndex = 0
    prefilter.lastIndex = 0
    let hit = prefilter.exec(text)
    while (hit !== null) {
      const lineStart = text.lastIndexOf('\n', hit.index - 1) + 1
      let lineEnd = text.indexOf('\n', hit.index)
      if (lineEnd < 0) lineEnd = text.length
      for (let at = text.indexOf('\n', counted); at >= 0 && at < lineStart;) {
        lineIndex += 1
        at = text.indexOf('\n', at + 1)
      }
      counted = lineStart
      const { keywords, next } = this.keywordsOn(text, hit, lineEnd)
      const reach = this.scanLine(
        text,
        lineStart,
        lineEnd,
        lineIndex,
        keywords,
        found,
      )
      // The search for the line's last keyword already found the next
      // line's first: it is taken as it is, so no text is read twice.
      const resume = Math.max(lineEnd + 1, reach)
      if (next === null || next.index >= resume) hit = next
      else {
        prefilter.lastIndex = resume
        hit = prefilter.exec(text)
      }
    }
    return found
  }

  /**
   * The keywords on a line from `first` on, overlapping ones included, and
   * the first keyword past the line's end.
   */
  private keywordsOn(
    text: string,
    first: RegExpExecArray,
    lineEnd: number,
  ): { keywords: Set<string>; next: RegExpExecArray | null } {
    const keywords = new Set<string>([first[0]])
    const pattern = this.prefilter
    pattern.lastIndex = first.index + 1
    for (let hit = pattern.exec(text); hit; hit = pattern.exec(text)) {
      if (hit.index >= lineEnd) return { keywords, next: hit }
      keywords.add(hit[0])
      pattern.lastIndex = hit.index + 1
    }
    return { keywords, next: null }
  }

  /**
   * Tries the rules of these keywords on one line; returns how far a
   * multi-line match reached, so its body is not scanned again.
   */
  private scanLine(
    text: string,
    lineStart: number,
    lineEnd: number,
    lineIndex: number,
    keywords: Set<string>,
    found: TextFindings,
  ): number {
    const end = text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd
    const line = text.slice(lineStart, end)
    const rules = new Set<SecretRule>()
    for (const keyword of keywords) {
      for (const rule of this.byKeyword.get(keyword) ?? []) rules.add(rule)
    }
    const taken: (readonly [number, number])[] = []
    let reach = 0
    for (const rule of this.rules) {
      if (!rules.has(rule)) continue
      const pattern = this.patterns.get(rule.id) ?? rule.pattern
      // A multi-line rule reads on past the line, but never far: its
      // pattern bounds a match, so a slice that long holds any match.
      const subject = rule.multiline
        ? text.slice(lineStart, lineEnd + MULTILINE_REACH)
        : line
      pattern.lastIndex = 0
      for (let m = pattern.exec(subject); m; m = pattern.exec(subject)) {
        if (m.index >= line.length) break
        const whole: [number, number] = [m.index, m.index + m[0].length]
        const span = m.indices?.groups?.['secret'] ?? whole
        const secret = m.groups?.['secret'] ?? m[0]
        const column = span[0] + 1
        const reason = rule.reject?.(secret, m)
        if (reason !== undefined) {
          if (!this.explain) continue
          found.rejections.push({
            ruleId: rule.id,
            lineIndex,
            line,
            column,
            reason,
          })
          continue
        }
        taken.push([span[0], span[1]])
        if (rule.multiline) reach = Math.max(reach, lineStart + whole[1])
        found.matches.push({ rule, secret, lineIndex, column, line })
      }
    }
    if ([...keywords].some((k) => this.generic.has(k))) {
      this.scanGeneric(line, lineIndex, taken, found)
    }
    return reach
  }

  /** The generic rule on one line, leaving alone what a provider rule took. */
  private scanGeneric(
    line: string,
    lineIndex: number,
    taken: readonly (readonly [number, number])[],
    found: TextFindings,
  ): void {
    for (const outcome of genericOutcomes(line, this.explain)) {
      const span =
        outcome.kind === 'secret'
          ? ([
              outcome.assignment.valueStart,
              outcome.assignment.valueStart + outcome.assignment.value.length,
            ] as const)
          : outcome.span
      if (span && taken.some(([a, b]) => span[0] < b && span[1] > a)) continue
      if (outcome.kind === 'rejected') {
        found.rejections.push({
          ruleId: GENERIC_RULE.id,
          lineIndex,
          line,
          ...(span === undefined ? {} : { column: span[0] + 1 }),
          reason: outcome.reason,
        })
        continue
      }
      const { key, value, valueStart } = outcome.assignment
      found.matches.push({
        rule: GENERIC_RULE,
        secret: value,
        lineIndex,
        column: valueStart + 1,
        line,
        key,
      })
    }
  }
}
