// A stand-in for the npm client that logs every call to $FAKE_TOOLS_LOG
// (with the folder it ran in) and answers `npm audit` as npm does: the
// report file named by $FAKE_NPM_AUDIT_FILE on stdout, and exit code
// $FAKE_NPM_EXIT (npm exits 1 both when it finds vulnerabilities and when
// the audit fails). Any other command is refused.
import { readFileSync } from 'node:fs'
import { fail, record } from '../../../../test/support/fake-tools/fake-log.mjs'

const args = process.argv.slice(2)
record('npm', args, { cwd: process.cwd() })

if (args[0] !== 'audit') {
  fail(`fake npm: unsupported command ${JSON.stringify(args)}`)
}
const report = process.env.FAKE_NPM_AUDIT_FILE
if (!report) fail('fake npm: FAKE_NPM_AUDIT_FILE is not set', 97)
process.stdout.write(readFileSync(report, 'utf8'))
process.exitCode = Number(process.env.FAKE_NPM_EXIT ?? '1')
