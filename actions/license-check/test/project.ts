// A project in a temp folder for license-check tests: a package-lock.json
// v3 written from a short description, and node_modules folders holding
// each package's own package.json and any other files asked for.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** One installed package. */
export interface TestPackage {
  /** Its key in the lock: `node_modules/x/node_modules/d`. */
  location: string
  version?: string
  /** The lock's `license` field; left out when undefined. */
  license?: string
  dev?: boolean
  dependencies?: Record<string, string>
  /** Its package.json under node_modules; none is written when undefined. */
  manifest?: Record<string, unknown>
  /** Other files in its folder: name → text. */
  files?: Record<string, string>
}

/** A temp project and where its files are. */
export interface TestProject {
  dir: string
  lockFile: string
  cleanup(): void
}

/** Writes a project named `name` that requires `dependencies`. */
export function writeProject(
  name: string,
  dependencies: Record<string, string>,
  packages: readonly TestPackage[],
  devDependencies: Record<string, string> = {},
): TestProject {
  const dir = mkdtempSync(join(tmpdir(), 'cortex-license-'))
  const entries: Record<string, unknown> = {
    '': { name, version: '1.0.0', dependencies, devDependencies },
  }
  for (const pkg of packages) {
    entries[pkg.location] = {
      version: pkg.version ?? '1.0.0',
      ...(pkg.license === undefined ? {} : { license: pkg.license }),
      ...(pkg.dev ? { dev: true } : {}),
      ...(pkg.dependencies ? { dependencies: pkg.dependencies } : {}),
    }
    const folder = join(dir, pkg.location)
    if (pkg.manifest !== undefined) {
      write(join(folder, 'package.json'), JSON.stringify(pkg.manifest))
    }
    for (const [file, text] of Object.entries(pkg.files ?? {})) {
      write(join(folder, file), text)
    }
  }
  const lockFile = join(dir, 'package-lock.json')
  const lock = { name, lockfileVersion: 3, requires: true, packages: entries }
  write(lockFile, `${JSON.stringify(lock, null, 2)}\n`)
  return {
    dir,
    lockFile,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
}

/**
 * C71's packages: `a` MIT, `b` with no license but a README that names
 * MIT, `c` BSD-3-Clause, `d` (under `x`) Apache-2.0 in its own
 * package.json only, `e` GPL-3.0-only.
 */
export function c71Project(): TestProject {
  return writeProject('root', { a: '1', b: '1', c: '1', x: '1', e: '1' }, [
    { location: 'node_modules/a', license: 'MIT' },
    {
      location: 'node_modules/b',
      manifest: { name: 'b', version: '1.0.0' },
      files: { 'README.md': '# b\n\nDoes b.\n\n## License\n\nMIT\n' },
    },
    { location: 'node_modules/c', license: 'BSD-3-Clause' },
    {
      location: 'node_modules/x',
      license: 'MIT',
      dependencies: { d: '1' },
    },
    {
      location: 'node_modules/x/node_modules/d',
      manifest: { name: 'd', version: '1.0.0', license: 'Apache-2.0' },
    },
    { location: 'node_modules/e', license: 'GPL-3.0-only' },
  ])
}
