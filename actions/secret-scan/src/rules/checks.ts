// Checks that tell a real secret from text shaped like one, for the rules
// whose pattern alone cannot: a PEM body that is really a key, a JWT whose
// header really decodes, a database URL whose password is not a default.
import { placeholderReason } from './stop-words.js'

/**
 * The shortest key body worth reporting, in base64 characters. The
 * smallest real private keys (an Ed25519 key in PKCS#8 or OpenSSH form)
 * are longer; `...` or a truncated line in documentation is shorter.
 */
const MIN_KEY_BODY = 64

/** Why the text between PEM armour lines is not a key, or undefined. */
export function privateKeyBodyReason(body: string): string | undefined {
  const lines = body
    // JSON and code strings carry the key with escaped line breaks.
    .replace(/\\r|\\n/g, '\n')
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^["'`]|["'`,+\s]+$/g, ''))
    // Encrypted PEM and PGP armour put headers (`Proc-Type: …`) first.
    .filter((line) => line !== '' && !/^[A-Za-z-]+:/.test(line))
  const base64 = lines.join('')
  if (!/^[A-Za-z0-9+/=]*$/.test(base64)) {
    return 'the body between the armour lines is not base64'
  }
  const placeholder = placeholderReason(base64)
  if (placeholder !== undefined) return `the key body ${placeholder}`
  if (base64.length < MIN_KEY_BODY) {
    return `the body is ${base64.length} characters, shorter than any key`
  }
  return undefined
}

/** Why a three-part token is not a JWT, or undefined when it is one. */
export function jwtReason(token: string): string | undefined {
  const [header = ''] = token.split('.')
  let decoded: unknown
  try {
    decoded = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
  } catch {
    return 'the header does not decode to JSON'
  }
  const alg =
    typeof decoded === 'object' && decoded !== null && 'alg' in decoded
      ? decoded.alg
      : undefined
  if (typeof alg !== 'string') return 'the header names no algorithm'
  if (alg.toLowerCase() === 'none') return 'an unsigned token (alg none)'
  return undefined
}

// Passwords that come with a database image or a tutorial, not a secret.
const DEFAULT_PASSWORDS = new Set([
  'admin',
  'guest',
  'mysql',
  'pass',
  'passwd',
  'password',
  'postgres',
  'redis',
  'root',
  'secret',
  'test',
  'user',
])

/** Why a database URL's password is no secret, or undefined when it is. */
export function databasePasswordReason(
  user: string,
  password: string,
): string | undefined {
  const placeholder = placeholderReason(password)
  if (placeholder !== undefined) return `the password ${placeholder}`
  if (password === user) return 'the password is the user name'
  if (DEFAULT_PASSWORDS.has(password.toLowerCase())) {
    return `the password is the well-known default ${password}`
  }
  return undefined
}
