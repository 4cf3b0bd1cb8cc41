// Values that are no secret whatever rule found them: documentation
// examples (AWS's own `…EXAMPLE` keys), redacted copies, placeholders and
// references to where the real value lives (`${DB_PASSWORD}`, `<token>`,
// `process.env.TOKEN`).

// Substrings, lower-cased, that mark a documentation or placeholder value.
const STOP_WORDS = [
  'example',
  'redacted',
  'placeholder',
  'changeme',
  'change_me',
  'change-me',
  'dummy',
  'xxxx',
  '****',
  'your_',
  'your-',
  'insert',
  'replace',
  'notasecret',
  'not_a_secret',
  'sample',
]

// Syntax that refers to a value kept elsewhere: template and environment
// references, HTML-ish placeholders.
const REFERENCE = [
  /\$\{/,
  /\{\{/,
  /^\$[A-Za-z_(]/,
  /%\([A-Za-z_]+\)s/,
  /%[A-Z_]{2,}%/,
  /<[^>]*>/,
  /^_?(?:env|ENV):/,
  /process\.env\b/,
  /os\.environ\b/,
  /[Gg]et[Ee]nv\b/,
  /\bsecrets\.[A-Za-z_]/,
]

// The lists above as one pattern each, so a candidate costs two tests.
const STOP_PATTERN = new RegExp(
  STOP_WORDS.map((w) => w.replace(/[*]/g, '\\*')).join('|'),
  'i',
)
const REFERENCE_PATTERN = new RegExp(
  REFERENCE.map((r) => `(?:${r.source})`).join('|'),
)

/** Why a value is a placeholder or an example, or undefined when it is not. */
export function placeholderReason(value: string): string | undefined {
  const word = STOP_PATTERN.exec(value)
  if (word !== null) return `contains the stop-word ${word[0].toUpperCase()}`
  if (REFERENCE_PATTERN.test(value)) {
    return 'a reference to a value kept elsewhere'
  }
  if (/^(.)\1+$/.test(value)) return 'one character repeated'
  return undefined
}
