// A stand-in for cosign that logs its calls and answers `sign` as keyless
// cosign does on a runner: it needs the runner's OIDC token variables.
// Faults: FAKE_COSIGN_ERROR makes signing fail with that message.
import { createHash } from 'node:crypto'
import { fail, readState, record, writeState } from './fake-log.mjs'

const args = process.argv.slice(2)
record('cosign', args)

if (args[0] !== 'sign') fail(`fake cosign: unsupported command ${args[0]}`)
const ref = args.at(-1) ?? ''
if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL) {
  fail(
    'Error: signing [' +
      ref +
      ']: getting signer: getting key from Fulcio: retrieving cert: no OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set)',
  )
}
if (process.env.FAKE_COSIGN_ERROR) fail(process.env.FAKE_COSIGN_ERROR)
if (!ref.includes('@sha256:')) {
  process.stderr.write(
    `WARNING: Image reference ${ref} uses a tag, not a digest, to identify the image to sign.\n`,
  )
}
const index = readState('tlog', 41_000_000) + 1
writeState('tlog', index)
const repository = ref.split('@')[0]
const signature = createHash('sha256').update(ref).digest('hex').slice(0, 12)
process.stderr.write(
  `Generating ephemeral keys...\nRetrieving signed certificate...\ntlog entry created with index: ${index}\n`,
)
process.stdout.write(`Pushing signature to: ${repository} (${signature})\n`)
