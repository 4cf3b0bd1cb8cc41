// Certificates for HTTPS stand-ins, made by the `openssl` CLI in a temp
// folder: a CA and a leaf for 127.0.0.1/localhost it signed, and the three
// certificates a health check must refuse (self-signed, expired, wrong
// host). EC P-256 keys, so making all of them takes a fraction of a second.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
// Arguments written as one line; none of ours holds a space.
const words = (line: string): string[] => line.split(' ')

/** A certificate and its private key, both PEM. */
export interface CertPair {
  cert: string
  key: string
}

/** Everything `makeTlsCerts` made. */
export interface TlsCerts {
  /** The folder holding the files; `remove` deletes it. */
  dir: string
  /** The CA's certificate: what a client trusts with `ca`. */
  ca: string
  /** Path of the CA certificate file, as a `ca-file` input takes it. */
  caFile: string
  /** Signed by the CA, for IP 127.0.0.1 and DNS localhost. */
  leaf: CertPair
  /** Signs itself, for 127.0.0.1 and localhost. */
  selfSigned: CertPair
  /** Signed by the CA for 127.0.0.1 and localhost, expired yesterday. */
  expired: CertPair
  /** Signed by the CA, for wrong.example.test only. */
  wrongHost: CertPair
  remove(): Promise<void>
}

const LOCAL_NAMES = 'subjectAltName=IP:127.0.0.1,DNS:localhost'
const EC_KEY = words('-newkey ec -pkeyopt ec_paramgen_curve:prime256v1')

/** Makes a CA and four server certificates in a new temp folder. */
export async function makeTlsCerts(): Promise<TlsCerts> {
  const dir = await mkdtemp(join(tmpdir(), 'tls-certs-'))
  const at = (name: string): string => join(dir, name)
  const openssl = (args: string[]): Promise<unknown> =>
    run('openssl', args, { cwd: dir })
  const pair = async (name: string): Promise<CertPair> => ({
    cert: await readFile(at(`${name}.crt`), 'utf8'),
    key: await readFile(at(`${name}.key`), 'utf8'),
  })

  // Both a CA and a self-signed leaf are `req -x509`; only the extensions differ.
  const selfSign = (name: string, cn: string, ext: string[]) =>
    openssl([
      ...words(
        `req -x509 -nodes -days 30 -keyout ${name}.key -out ${name}.crt`,
      ),
      ...EC_KEY,
      ...['-subj', `/CN=${cn}`],
      ...ext.flatMap((e) => ['-addext', e]),
    ])
  // A leaf the CA signs. OpenSSL 3.0's `x509 -req` cannot set a start date,
  // so `days` of -1 is how the expired one gets a notAfter of yesterday.
  const caSign = async (name: string, san: string, days: number) => {
    await writeFile(
      at(`${name}.ext`),
      `${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`,
    )
    await openssl([
      ...words(`req -nodes -keyout ${name}.key -out ${name}.csr`),
      ...EC_KEY,
      ...['-subj', `/CN=${name}`],
    ])
    await openssl(
      words(
        `x509 -req -in ${name}.csr -CA ca.crt -CAkey ca.key -CAcreateserial ` +
          `-days ${days} -extfile ${name}.ext -out ${name}.crt`,
      ),
    )
  }

  try {
    await selfSign('ca', 'cortex-actions test CA', [
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
    ])
    await caSign('leaf', LOCAL_NAMES, 30)
    await caSign('expired', LOCAL_NAMES, -1)
    await caSign('wrong-host', 'subjectAltName=DNS:wrong.example.test', 30)
    await selfSign('self-signed', 'localhost', [LOCAL_NAMES])
    return {
      dir,
      ca: await readFile(at('ca.crt'), 'utf8'),
      caFile: at('ca.crt'),
      leaf: await pair('leaf'),
      selfSigned: await pair('self-signed'),
      expired: await pair('expired'),
      wrongHost: await pair('wrong-host'),
      remove: () => rm(dir, { recursive: true, force: true }),
    }
  } catch (error: unknown) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}
