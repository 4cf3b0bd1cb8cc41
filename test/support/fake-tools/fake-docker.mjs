// A stand-in for the docker client that logs every call to $FAKE_TOOLS_LOG
// and answers as docker does for the commands build-images runs:
//
//   login <registry> --username u --password-stdin   reads the password
//   logout <registry>                                forgets it
//   buildx build … --metadata-file f [--push] <ctx>  writes the metadata
//   buildx imagetools inspect <name>@<digest> --raw  prints the OCI index
//
// A pushed image is kept in a state file next to the log, so inspect can
// answer for it; so are the registries logged in to, as docker keeps them
// in ~/.docker/config.json until a logout. Faults, by environment:
//   FAKE_DOCKER_PUSH_FAILURES=n   the first n pushes fail with
//   FAKE_DOCKER_PUSH_ERROR        (default: a 503 from the registry)
//   FAKE_DOCKER_PUSH_DENIED=1     every push is refused
//   FAKE_DOCKER_BUILD_ERROR=text  the build fails before any push
//   FAKE_DOCKER_LOGIN_ERROR=text  login fails
//   FAKE_DOCKER_LOGOUT_ERROR=text logout fails (the credentials stay)
//   FAKE_DOCKER_AUTHS=r1,r2       docker already holds credentials for these
//                                 registries (docker/login-action's), and a
//                                 push to a registry it holds none for is
//                                 refused, as a real registry refuses it
// Error lines follow buildx's own wording (docker/buildx, moby/buildkit).
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { fail, readState, readStdin, record, writeState } from './fake-log.mjs'

const args = process.argv.slice(2)
const command = [
  'buildx imagetools inspect',
  'buildx build',
  'login',
  'logout',
].find((words) => args.join(' ').startsWith(`${words} `))

if (command === 'login') {
  await login()
} else if (command === 'logout') {
  logout()
} else if (command === 'buildx build') {
  build()
} else if (command === 'buildx imagetools inspect') {
  inspect()
} else {
  record('docker', args)
  fail(`fake docker: unsupported command ${JSON.stringify(args)}`)
}

async function login() {
  const stdin = await readStdin()
  record('docker', args, { stdin })
  if (!args.includes('--password-stdin') || stdin === '') {
    fail('Error: Cannot perform an interactive login from a non TTY device')
  }
  if (process.env.FAKE_DOCKER_LOGIN_ERROR) {
    fail(process.env.FAKE_DOCKER_LOGIN_ERROR)
  }
  // Only the registry is kept: the state file must not hold the secret.
  writeState('auths', [...new Set([...auths(), args[1]])])
  process.stdout.write('Login Succeeded\n')
}

function logout() {
  record('docker', args)
  if (process.env.FAKE_DOCKER_LOGOUT_ERROR) {
    fail(process.env.FAKE_DOCKER_LOGOUT_ERROR)
  }
  const registry = args[1]
  const held = auths()
  if (!held.includes(registry)) {
    process.stdout.write(`Not logged in to ${registry}\n`)
    return
  }
  writeState(
    'auths',
    held.filter((r) => r !== registry),
  )
  process.stdout.write(`Removing login credentials for ${registry}\n`)
}

/** The registries docker holds credentials for: logged in, not out. */
function auths() {
  const before = process.env.FAKE_DOCKER_AUTHS
  return readState('auths', before ? before.split(',') : [])
}

/** The registry of a reference: its first part when that is a host. */
function registryOf(ref) {
  const first = ref.split('/')[0]
  return ref.includes('/') && /[.:]|^localhost$/.test(first)
    ? first
    : 'docker.io'
}

/** The options of `buildx build`, as far as the fake reads them. */
function parseBuild(list) {
  const withValue = new Set([
    '--file',
    '--platform',
    '--tag',
    '--label',
    '--annotation',
    '--cache-from',
    '--cache-to',
    '--metadata-file',
    '--build-arg',
    '--target',
  ])
  const options = { tags: [], annotations: [], flags: [], context: undefined }
  for (let i = 2; i < list.length; i += 1) {
    const arg = list[i]
    if (withValue.has(arg)) {
      const value = list[(i += 1)]
      if (arg === '--tag') options.tags.push(value)
      else if (arg === '--annotation') options.annotations.push(value)
      else options[arg.slice(2)] = value
    } else if (arg.startsWith('--')) {
      options.flags.push(arg)
    } else {
      options.context = arg
    }
  }
  return options
}

function sha256(text) {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`
}

function build() {
  record('docker', args)
  const options = parseBuild(args)
  if (!options.context || !options['metadata-file']) {
    fail('ERROR: "docker buildx build" requires exactly 1 argument.')
  }
  const push = options.flags.includes('--push')
  const provenance = !options.flags.includes('--provenance=false')
  const sbom = options.flags.includes('--sbom=true')
  const platforms = (options.platform ?? 'linux/amd64').split(',')
  // The digest follows from what is built, not from where metadata goes.
  const digest = sha256(
    JSON.stringify(args.filter((a) => a !== options['metadata-file'])),
  )
  const say = (line) => process.stderr.write(`${line}\n`)
  say('#0 building with "builder" instance using docker-container driver')
  say(
    `#1 [internal] load build definition from ${options.file ?? 'Dockerfile'}`,
  )
  say('#1 transferring dockerfile: 212B done')
  say('#1 DONE 0.0s')
  for (const [n, platform] of platforms.entries()) {
    say(`#${n + 2} [${platform} 1/2] FROM docker.io/library/alpine:3.20`)
    say(`#${n + 2} DONE 0.${n + 1}s`)
  }
  if (process.env.FAKE_DOCKER_BUILD_ERROR) {
    fail(`ERROR: failed to solve: ${process.env.FAKE_DOCKER_BUILD_ERROR}`)
  }
  const step = `#${platforms.length + 2}`
  say(`${step} exporting to image`)
  say(`${step} exporting manifest list ${digest} done`)
  const first = options.tags[0] ?? 'image'
  if (push) {
    say(`${step} pushing layers`)
    if (process.env.FAKE_DOCKER_PUSH_DENIED === '1') {
      say(`${step} ERROR: denied: permission_denied: write_package`)
      fail(
        `ERROR: failed to solve: failed to push ${first}: denied: permission_denied: write_package`,
      )
    }
    const anonymous = options.tags.find((t) => !auths().includes(registryOf(t)))
    if (process.env.FAKE_DOCKER_AUTHS !== undefined && anonymous) {
      say(`${step} ERROR: unauthorized: authentication required`)
      fail(
        `ERROR: failed to solve: failed to push ${anonymous}: unauthorized: authentication required`,
      )
    }
    const failures = Number(process.env.FAKE_DOCKER_PUSH_FAILURES ?? '0')
    const failed = readState('push-failures', 0)
    if (failed < failures) {
      writeState('push-failures', failed + 1)
      const registry = first.split('/')[0]
      const error =
        process.env.FAKE_DOCKER_PUSH_ERROR ??
        `unexpected status from PUT request to https://${registry}/v2/org/app/blobs/uploads/: 503 Service Unavailable`
      say(`${step} ERROR: ${error}`)
      fail(`ERROR: failed to solve: failed to push ${first}: ${error}`)
    }
    for (const tag of options.tags) {
      say(`${step} pushing manifest for ${tag}@${digest} 0.2s done`)
    }
    remember(options, digest, platforms, provenance || sbom)
  }
  say(`${step} DONE 1.1s`)
  writeFileSync(
    options['metadata-file'],
    JSON.stringify({
      'buildx.build.provenance': provenance ? { buildType: 'fake' } : undefined,
      'buildx.build.ref': `builder/builder0/${digest.slice(7, 32)}`,
      'containerimage.descriptor': {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest,
        size: 1609,
      },
      'containerimage.digest': digest,
      'image.name': options.tags.join(','),
    }),
  )
}

/** Keeps what was pushed under each repository, for inspect. */
function remember(options, digest, platforms, attestations) {
  const registry = readState('registry', {})
  const annotations = Object.fromEntries(
    options.annotations
      .filter((a) => a.startsWith('index:'))
      .map((a) => {
        const text = a.slice('index:'.length)
        const eq = text.indexOf('=')
        return [text.slice(0, eq), text.slice(eq + 1)]
      }),
  )
  for (const tag of options.tags) {
    const repository = tag.slice(0, tag.lastIndexOf(':'))
    registry[`${repository}@${digest}`] = {
      platforms,
      attestations,
      annotations,
    }
  }
  writeState('registry', registry)
}

function inspect() {
  record('docker', args)
  const ref = args.find((a, i) => i > 2 && !a.startsWith('--'))
  const image = readState('registry', {})[ref]
  if (!args.includes('--raw')) fail('fake docker: inspect without --raw')
  if (image === undefined) fail(`ERROR: ${ref}: not found`)
  const manifest = (platform) => {
    const [os, architecture, variant] = platform.split('/')
    return {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: sha256(`${ref} ${platform}`),
      size: 1054,
      platform: { architecture, os, ...(variant ? { variant } : {}) },
    }
  }
  const images = image.platforms.map(manifest)
  if (images.length === 1 && !image.attestations) {
    // One platform and no attestation: buildx pushes a manifest, no index.
    process.stdout.write(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { digest: sha256(ref), size: 812 },
        layers: [],
      }),
    )
    return
  }
  const attestations = image.attestations
    ? images.map((m) => ({
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: sha256(`attestation ${m.digest}`),
        size: 566,
        annotations: {
          'vnd.docker.reference.digest': m.digest,
          'vnd.docker.reference.type': 'attestation-manifest',
        },
        platform: { architecture: 'unknown', os: 'unknown' },
      }))
    : []
  process.stdout.write(
    JSON.stringify(
      {
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [...images, ...attestations],
        annotations: image.annotations,
      },
      null,
      2,
    ),
  )
}
