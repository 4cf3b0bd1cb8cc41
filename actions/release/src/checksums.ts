// SHA256SUMS in the format `sha256sum -c` reads: lower-case hex, two spaces
// (text mode), the bare asset name, LF, sorted, final newline (CASES.md C66).
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** The SHA-256 of a file's bytes, lower-case hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer)
  }
  return hash.digest('hex')
}

/**
 * The SHA256SUMS text, sorted by name in byte order. Throws on a digest that
 * is not 64 hex digits, a repeated name, or a name `sha256sum` would need
 * escaped, so a malformed file is never uploaded.
 */
export function renderSha256Sums(
  entries: { name: string; sha256: string }[],
): string {
  const names = new Set<string>()
  for (const { name, sha256 } of entries) {
    if (!/^[0-9a-fA-F]{64}$/.test(sha256)) {
      throw new Error(`checksum of ${name} is not a SHA-256: ${sha256}`)
    }
    // sha256sum escapes `\` and newlines with a leading backslash; asset
    // names never hold them, so refuse rather than write that dialect.
    if (name === '' || /[\\\n\r/]/.test(name)) {
      throw new Error(
        `checksum entry has an unusable name: ${JSON.stringify(name)}`,
      )
    }
    if (names.has(name)) throw new Error(`checksum entry ${name} is repeated`)
    names.add(name)
  }
  const sorted = [...entries].sort((a, b) =>
    Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)),
  )
  return sorted
    .map(({ name, sha256 }) => `${sha256.toLowerCase()}  ${name}\n`)
    .join('')
}
