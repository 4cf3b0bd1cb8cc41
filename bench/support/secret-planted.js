// The secrets the secret-scan benchmark plants in its tree, one or more of
// each kind a scanner should find, and the look-alikes it should not
// report. Every value is made at run time from a seed, so no file of this
// repository holds a string a scanner would stop.
import { Buffer } from 'node:buffer'
import { generateKeyPairSync } from 'node:crypto'

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const HEX = '0123456789abcdef'
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const B64 = `${BASE62}+/`

/** A linear congruential generator of numbers in [0, 1). */
export function seeded(seed) {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/** `length` characters of `alphabet` drawn with `next`. */
export function draw(next, length, alphabet = BASE62) {
  let text = ''
  for (let i = 0; i < length; i += 1) {
    text += alphabet.charAt(Math.floor(next() * alphabet.length))
  }
  return text
}

const glue = (...parts) => parts.join('')

function jwt(next) {
  const part = (value) =>
    Buffer.from(JSON.stringify(value)).toString('base64url')
  return [
    part({ alg: 'RS256', typ: 'JWT' }),
    part({ sub: draw(next, 12) }),
    draw(next, 86),
  ].join('.')
}

/**
 * The planted secrets as lines of text, by kind: each line is put into a
 * file of the tree and must be reported at its line.
 */
export function plantedLines(next) {
  const uuid = () => [8, 4, 4, 4, 12].map((n) => draw(next, n, HEX)).join('-')
  return [
    ['github-token', `GITHUB_TOKEN=${glue('gh', 'p_', draw(next, 36))}`],
    [
      'github-fine-grained-token',
      `token: "${glue('github', '_pat_', draw(next, 22), '_', draw(next, 59))}"`,
    ],
    ['gitlab-token', `GITLAB_TOKEN=${glue('gl', 'pat-', draw(next, 20))}`],
    [
      'aws-access-key-id',
      `aws_access_key_id = ${glue('AK', 'IA', draw(next, 16, B32))}`,
    ],
    ['aws-secret-access-key', `aws_secret_access_key = ${draw(next, 40, B64)}`],
    ['gcp-api-key', `const mapsKey = '${glue('AI', 'za', draw(next, 35))}'`],
    [
      'google-oauth-client-secret',
      `"client_secret": "${glue('GOC', 'SPX-', draw(next, 28))}",`,
    ],
    [
      'azure-storage-account-key',
      `conn = "DefaultEndpointsProtocol=https;AccountName=cx;${glue('Account', 'Key=')}${draw(next, 86, B64)}==;EndpointSuffix=core.windows.net"`,
    ],
    [
      'slack-token',
      `SLACK_BOT_TOKEN=${glue('xo', 'xb-')}${draw(next, 12, '0123456789')}-${draw(next, 24)}`,
    ],
    [
      'slack-webhook',
      `webhook: ${glue('https://hooks', '.slack.com/services/')}T${draw(next, 10, B32)}/B${draw(next, 10, B32)}/${draw(next, 24)}`,
    ],
    [
      'stripe-live-key',
      `STRIPE_SECRET_KEY=${glue('sk', '_live_', draw(next, 24))}`,
    ],
    [
      'npm-token',
      `//registry.npmjs.org/:_authToken=${glue('np', 'm_', draw(next, 36))}`,
    ],
    [
      'pypi-token',
      `password = ${glue('py', 'pi-AgEIcHlwaS5vcmc', draw(next, 70))}`,
    ],
    [
      'sendgrid-api-key',
      `SENDGRID_API_KEY=${glue('S', 'G.', draw(next, 22), '.', draw(next, 43))}`,
    ],
    ['twilio-api-key', `twilio_key: ${glue('S', 'K', draw(next, 32, HEX))}`],
    ['heroku-api-key', `HEROKU_API_KEY=${uuid()}`],
    [
      'openai-api-key',
      `OPENAI_API_KEY=${glue('sk', '-proj-', draw(next, 24), 'T3Blbk', 'FJ', draw(next, 24))}`,
    ],
    [
      'docker-hub-token',
      `DOCKERHUB_TOKEN=${glue('dckr', '_pat_', draw(next, 27))}`,
    ],
    ['jwt', `Authorization: Bearer ${jwt(next)}`],
    [
      'database-url-password',
      `DATABASE_URL=${glue('postgres', '://')}app:${draw(next, 18)}@db.internal:5432/app`,
    ],
    ['generic-secret', `DB_PASSWORD="${draw(next, 20)}"`],
    ['generic-secret', `  "apiSecret": "${draw(next, 32)}",`],
  ]
}

/** Lines that look like secrets and are not (C57, C58 and their kin). */
export const DECOY_LINES = [
  "tokenizationId: 'f865288c97ca4913887373728b8dfc4c',",
  'Use a username/password combination.',
  "[envVar: 'TF_VAR_APPROLEID', vaultKey: 'inf-role-id'],",
  '"key": "ctrl+shift+down",',
  'client_secret: "_env:SALESFORCE_CLIENT_ID:REDACTED"',
  'public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"',
  'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
  '"private_key":"-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"',
  'password: ${{ secrets.DB_PASSWORD }}',
  'DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev',
  'api_key = os.environ["API_KEY"]',
]

/** A 2048-bit RSA private key in PEM, made for this run. */
export function privateKeyPem() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
}
