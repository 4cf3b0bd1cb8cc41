// Whether a key (a variable, a JSON or YAML key, an environment variable)
// names a secret, judged by its last word: `DB_PASSWORD`, `githubToken` and
// `x-api-key` do; `tokenizationId`, `password_file` and `key` alone do not.

// A key whose last word is one of these names a secret.
const SECRET_WORDS = new Set([
  'auth',
  'credential',
  'credentials',
  'pass',
  'passphrase',
  'passwd',
  'password',
  'pwd',
  'secret',
  'token',
  'apikey',
])

// `…Value` or `…String` after a secret word still names the secret.
const HOLDER_WORDS = new Set(['value', 'val', 'string', 'str'])

// A name that ends in none of these cannot end in a secret word.
const ENDINGS = new RegExp(
  `(?:${[...SECRET_WORDS, ...HOLDER_WORDS, 'key'].join('|')})[^A-Za-z0-9]*$`,
  'i',
)

/** The lower-case words of a key: `x-apiKey_ID` → `x`, `api`, `key`, `id`. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
}

/** Why `key` names no secret, or undefined when it names one. */
export function secretNameReason(key: string): string | undefined {
  // `config.db.password` is named by its last part; `e.key` in minified
  // code by `key` alone.
  const name = key.slice(key.lastIndexOf('.') + 1)
  // Most keys end in no secret word at all, and many are one word (`key`
  // in minified code): both are said without splitting the key.
  if (!ENDINGS.test(name)) return `key '${key}' is not a secret name`
  if (/^[a-z]+$|^[A-Z]+$/.test(name)) {
    const word = name.toLowerCase()
    return SECRET_WORDS.has(word)
      ? undefined
      : `key '${key}' is not a secret name`
  }
  const words = keyWords(name)
  const last = words.at(-1)
  const before = words.at(-2)
  if (words.includes('public')) return `key '${key}' names a public value`
  if (last === undefined) return `key '${key}' has no words`
  if (SECRET_WORDS.has(last)) return undefined
  if (last === 'key' && before !== undefined && before.length > 1) {
    return undefined
  }
  if (
    HOLDER_WORDS.has(last) &&
    before !== undefined &&
    SECRET_WORDS.has(before)
  ) {
    return undefined
  }
  return `key '${key}' is not a secret name`
}
