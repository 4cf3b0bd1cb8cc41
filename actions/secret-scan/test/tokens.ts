// Fake credentials in the shape each provider documents, built at run time
// from a seed, so no file of this repository holds a string that a secret
// scanner (this one, or GitHub's push protection) would stop.
import { generateKeyPairSync } from 'node:crypto'
import { seededRandom } from '../../../test/support/random.js'

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** `length` characters drawn from `alphabet`, the same for the same seed. */
export function randomText(
  length: number,
  seed: number,
  alphabet = BASE62,
): string {
  const next = seededRandom(seed)
  let text = ''
  for (let i = 0; i < length; i += 1) {
    text += alphabet.charAt(Math.floor(next() * alphabet.length))
  }
  return text
}

/** Glued at run time: `part('sk', '_live_')` is `sk_live_`. */
const part = (...pieces: string[]): string => pieces.join('')

/** One fake credential of each kind the rules know, by rule id. */
export function fakeTokens(seed = 1): Record<string, string> {
  const r = (n: number, k: number, alphabet?: string): string =>
    randomText(n, seed * 100 + k, alphabet)
  const hex = '0123456789abcdef'
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  const b64 = `${BASE62}+/`
  return {
    'github-token': part('gh', 'p_', r(36, 1)),
    'github-fine-grained-token': part(
      'github',
      '_pat_',
      r(22, 2),
      '_',
      r(59, 3),
    ),
    'gitlab-token': part('gl', 'pat-', r(20, 4)),
    'aws-access-key-id': part('AK', 'IA', r(16, 5, upper)),
    'gcp-api-key': part('AI', 'za', r(35, 6)),
    'google-oauth-client-secret': part('GOC', 'SPX-', r(28, 7)),
    'slack-token': part('xo', 'xb-', r(12, 8, '0123456789'), '-', r(24, 9)),
    'stripe-live-key': part('sk', '_live_', r(24, 10)),
    'npm-token': part('np', 'm_', r(36, 11)),
    'pypi-token': part('py', 'pi-AgEIcHlwaS5vcmc', r(60, 12)),
    'twilio-api-key': part('S', 'K', r(32, 13, hex)),
    'sendgrid-api-key': part('S', 'G.', r(22, 14), '.', r(43, 15)),
    'openai-api-key': part(
      'sk',
      '-proj-',
      r(24, 16),
      'T3Blbk',
      'FJ',
      r(24, 17),
    ),
    'anthropic-api-key': part('sk', '-ant-api03-', r(90, 18)),
    'docker-hub-token': part('dckr', '_pat_', r(27, 19)),
    'shopify-token': part('shp', 'at_', r(32, 20, hex)),
    'azure-storage-account-key': part(r(86, 21, b64), '=='),
    'azure-shared-access-key': part(r(43, 22, b64), '='),
    'aws-secret-access-key': r(40, 23, b64),
    'heroku-api-key': [
      r(8, 24, hex),
      r(4, 25, hex),
      r(4, 26, hex),
      r(4, 27, hex),
      r(12, 28, hex),
    ].join('-'),
    'slack-webhook': part(
      'T',
      r(10, 29, upper),
      '/B',
      r(10, 30, upper),
      '/',
      r(24, 31),
    ),
    'azure-sas-token': r(43, 32, BASE62),
    'database-url-password': r(16, 33),
    jwt: fakeJwt(r(43, 34)),
  }
}

/** A JWT with a real header and payload and a fake signature. */
export function fakeJwt(signature: string): string {
  const encode = (value: object): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url')
  return [
    encode({ alg: 'HS256', typ: 'JWT' }),
    encode({ sub: 'cortex-test', iat: 1767225600 }),
    signature,
  ].join('.')
}

/** A line that puts a fake credential where its provider's users put it. */
export function lineFor(rule: string, secret: string): string {
  switch (rule) {
    case 'azure-storage-account-key':
      return `DefaultEndpointsProtocol=https;AccountName=cortex;${part('Account', 'Key=')}${secret};EndpointSuffix=core.windows.net`
    case 'azure-shared-access-key':
      return `Endpoint=sb://cortex.servicebus.windows.net/;SharedAccessKeyName=send;${part('SharedAccess', 'Key=')}${secret}`
    case 'aws-secret-access-key':
      return `aws_secret_access_key = ${secret}`
    case 'heroku-api-key':
      return `HEROKU_API_KEY=${secret}`
    case 'slack-webhook':
      return `url: ${part('https://hooks', '.slack.com/services/')}${secret}`
    case 'azure-sas-token':
      return `https://cortex.blob.core.windows.net/c?sv=2024-11-04&ss=b&srt=co&sp=r&se=2030-01-01&${part('si', 'g=')}${secret}`
    case 'database-url-password':
      return `DATABASE_URL=${part('postgres', '://')}app:${secret}@db.internal:5432/app`
    default:
      return `value = "${secret}"`
  }
}

/** A 2048-bit RSA private key in PKCS#8 PEM, made for the test run. */
export function freshPrivateKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
}
