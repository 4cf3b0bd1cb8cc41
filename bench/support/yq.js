// yq for the update-manifests benchmark. Two programs answer to `yq`:
// kislyuk's Python wrapper around jq (Debian's and pip's `yq`), whose
// `-y -i '<jq filter>'` rewrites a file through PyYAML, and mikefarah's Go
// yq, whose expression language and output differ. Only the first has
// filters here; the other is named in the results and skipped.
import { spawnSync } from 'node:child_process'

/**
 * Which yq `command` is, from its `--help`: `{ flavour, version, jq }`;
 * flavour is 'kislyuk', 'mikefarah' or undefined when it does not run.
 */
export function detectYq(command = process.env.BENCH_YQ ?? 'yq') {
  const help = spawnSync(command, ['--help'], { encoding: 'utf8' })
  if (help.error !== undefined || help.status !== 0) {
    return { command, flavour: undefined }
  }
  const text = `${help.stdout}${help.stderr}`
  const flavour = /jq wrapper|kislyuk/i.test(text)
    ? 'kislyuk'
    : /mikefarah/i.test(text)
      ? 'mikefarah'
      : undefined
  const said = spawnSync(command, ['--version'], { encoding: 'utf8' })
  let version = `${said.stdout ?? ''}${said.stderr ?? ''}`.trim()
  // Debian's build reports `yq 0.0.0`; its package knows the real version.
  if (/\b0\.0\.0\b/.test(version)) {
    const format = '${Version}'
    const pkg = spawnSync('dpkg-query', ['-W', '-f', format, 'yq'], {
      encoding: 'utf8',
    })
    if (pkg.status === 0 && pkg.stdout !== '') {
      version = `Debian yq ${pkg.stdout.trim()}`
    }
  }
  const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' })
  return {
    command,
    flavour,
    version,
    jq: jq.status === 0 ? jq.stdout.trim() : undefined,
  }
}

/** The jq filter for one edit: every place in the file that names the image. */
function editFilter({ kind, repository }, tag) {
  const name = JSON.stringify(repository)
  const value = JSON.stringify(tag)
  const objects = '.. | objects | select'
  if (kind === 'image') {
    const prefix = JSON.stringify(`${repository}:`)
    const reference = JSON.stringify(`${repository}:${tag}`)
    return (
      `(${objects}((.image | type) == "string" and ` +
      `(.image | startswith(${prefix})))).image |= ${reference}`
    )
  }
  if (kind === 'kustomize') {
    return (
      `(${objects}(has("newTag") and (.newName // .name) == ${name}))` +
      `.newTag |= ${value}`
    )
  }
  // Helm values: `repository`, maybe after a separate `registry`.
  const registry =
    '(if (.registry | type) == "string" and .registry != "" ' +
    'then .registry + "/" else "" end)'
  return (
    `(${objects}(has("tag") and (.repository | type) == "string" and ` +
    `${registry} + .repository == ${name})).tag |= ${value}`
  )
}

/** One filter doing every edit a file needs, as a script would pass it. */
export function fileFilter(edits, tag) {
  return edits.map((edit) => editFilter(edit, tag)).join(' | ')
}
