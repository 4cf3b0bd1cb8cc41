import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import * as realExec from '@actions/exec'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ConfigError } from '../../../lib/runner/index.js'

// The real npm runs by default; single tests replay what older npm printed.
const getExecOutput = jest.fn(realExec.getExecOutput)
jest.unstable_mockModule('@actions/exec', () => ({
  ...realExec,
  getExecOutput,
}))
const { assetName, npmPack, resolveArtifacts } =
  await import('../src/artifacts.js')

let root = ''

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'artifacts-test-'))
  // Keep npm from asking the registry whether it is out of date.
  process.env.npm_config_update_notifier = 'false'
})

afterAll(() => {
  delete process.env.npm_config_update_notifier
  rmSync(root, { recursive: true, force: true })
})

/** A fresh folder holding `files` (path → content). */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'tree-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

function configError(run: () => unknown): ConfigError {
  try {
    run()
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error('no error was thrown')
}

describe('assetName', () => {
  it.each([
    ['app-linux-amd64.tar.gz', 'app-linux-amd64.tar.gz'],
    ['@scope/pkg-1.2.3.tgz', 'scope-pkg-1.2.3.tgz'],
    ['linux/amd64/app', 'linux-amd64-app'],
    ['./app.zip', 'app.zip'],
    ['My App (x64).zip', 'My.App.x64.zip'],
    ['app~1.tgz', 'app.1.tgz'],
    ['.hidden.tgz', 'hidden.tgz'],
    ['trailing.', 'trailing'],
    ['a..b', 'a.b'],
    ['app+build_1-x.tgz', 'app+build_1-x.tgz'],
    ['café.zip', 'caf.zip'],
    ['a@b.zip', 'a.b.zip'],
    ['...', ''],
  ])('names %j as GitHub lists it: %j', (path, name) => {
    expect(assetName(path)).toBe(name)
  })
})

describe('resolveArtifacts', () => {
  it('names files relative to the glob base, as in C66', () => {
    const dir = tree({
      'dist/app-linux-amd64.tar.gz': 'l',
      'dist/app-darwin-arm64.tar.gz': 'd',
      'dist/@scope/pkg-1.2.3.tgz': 'p',
    })
    expect(resolveArtifacts(['dist/**/*.{tgz,tar.gz}'], dir)).toEqual([
      {
        path: join(dir, 'dist/@scope/pkg-1.2.3.tgz'),
        name: 'scope-pkg-1.2.3.tgz',
      },
      {
        path: join(dir, 'dist/app-darwin-arm64.tar.gz'),
        name: 'app-darwin-arm64.tar.gz',
      },
      {
        path: join(dir, 'dist/app-linux-amd64.tar.gz'),
        name: 'app-linux-amd64.tar.gz',
      },
    ])
  })

  it('keeps pattern order and lists a file matched twice once', () => {
    const dir = tree({ 'b.txt': 'b', 'a.txt': 'a' })
    expect(
      resolveArtifacts(['b.txt', '*.txt'], dir).map((a) => a.name),
    ).toEqual(['b.txt', 'a.txt'])
  })

  it('names the pattern that matches nothing', () => {
    const dir = tree({ 'dist/a.tgz': 'a' })
    const error = configError(() =>
      resolveArtifacts(['dist/*.tgz', 'out/*.zip'], dir),
    )
    expect(error.input).toBe('artifacts')
    expect(error.message).toContain('"out/*.zip"')
    expect(error.message).toContain('matches at least one file')
  })

  it('suggests the files of a directory named as a pattern', () => {
    const dir = tree({ 'dist/a.tgz': 'a' })
    const error = configError(() => resolveArtifacts(['dist/'], dir))
    expect(error.message).toContain('e.g. dist/*')
  })

  it('names both files that would upload under one name', () => {
    const dir = tree({ 'a/x.tgz': '1', 'b/x.tgz': '2' })
    const error = configError(() =>
      resolveArtifacts(['a/*.tgz', 'b/*.tgz'], dir),
    )
    expect(error.input).toBe('artifacts')
    expect(error.message).toContain(
      'a/x.tgz and b/x.tgz would both upload as x.tgz',
    )
  })

  it('catches names that collide only after GitHub renames them', () => {
    const dir = tree({ 'my app.zip': '1', 'my.app.zip': '2' })
    const error = configError(() => resolveArtifacts(['*.zip'], dir))
    expect(error.message).toContain('would both upload as my.app.zip')
  })

  it('refuses a file whose name GitHub would leave empty', () => {
    const dir = tree({ '…': 'x' })
    const error = configError(() => resolveArtifacts(['*'], dir))
    expect(error.message).toContain('has none')
  })

  it('reports a broken pattern as a configuration error', () => {
    const dir = tree({ 'a.txt': 'a' })
    const error = configError(() => resolveArtifacts(['[z-a]'], dir))
    expect(error.message).toContain('a valid glob')
  })
})

describe('npmPack', () => {
  const manifest = { name: '@scope/pkg', version: '1.2.3' }

  it('packs a scoped package under the name npm reports', async () => {
    const dir = tree({ 'package.json': JSON.stringify(manifest) })
    const out = mkdtempSync(join(root, 'out-'))
    await expect(npmPack(dir, out)).resolves.toEqual({
      path: join(out, 'scope-pkg-1.2.3.tgz'),
      name: 'scope-pkg-1.2.3.tgz',
    })
    expect(getExecOutput).toHaveBeenLastCalledWith(
      'npm',
      ['pack', '--json', '--pack-destination', out],
      expect.objectContaining({ cwd: dir, silent: true }),
    )
  })

  it('finds the JSON among what lifecycle scripts print', async () => {
    const scripts = {
      prepack: 'echo "[not json" && echo "]"',
      postpack: 'echo "[1, 2]"',
    }
    const dir = tree({
      'package.json': JSON.stringify({ ...manifest, scripts }),
    })
    const out = mkdtempSync(join(root, 'out-'))
    await expect(npmPack(dir, out)).resolves.toMatchObject({
      name: 'scope-pkg-1.2.3.tgz',
    })
  })

  it('fails with what npm said when packing fails', async () => {
    const dir = tree({ 'package.json': '{ not json' })
    await expect(npmPack(dir, dir)).rejects.toThrow(
      /npm pack failed \(exit \d+\): .*JSON/s,
    )
  })

  it('finds the file npm 7 to 9.1 wrote under another name than it reported', async () => {
    // The JSON npm 8 printed for a scoped package (npm/cli#5334).
    const out = tree({ 'scope-pkg-1.2.3.tgz': 'tarball' })
    const stdout = JSON.stringify([
      { id: '@scope/pkg@1.2.3', filename: '@scope/pkg-1.2.3.tgz' },
    ])
    getExecOutput.mockResolvedValueOnce({ exitCode: 0, stdout, stderr: '' })
    await expect(npmPack(root, out)).resolves.toEqual({
      path: join(out, 'scope-pkg-1.2.3.tgz'),
      name: 'scope-pkg-1.2.3.tgz',
    })
  })

  it('fails when the reported file is not there', async () => {
    const out = tree({})
    const stdout = JSON.stringify([{ filename: 'app-1.0.0.tgz' }])
    getExecOutput.mockResolvedValueOnce({ exitCode: 0, stdout, stderr: '' })
    await expect(npmPack(root, out)).rejects.toThrow(
      `npm pack reported app-1.0.0.tgz, but no such file is in ${out}`,
    )
  })

  it.each([
    ['no JSON', 'packed it\n'],
    ['an empty array', '[]\n'],
    ['no file name', '[{"id":"x"}]\n'],
  ])('fails when npm prints %s', async (_name, stdout) => {
    getExecOutput.mockResolvedValueOnce({ exitCode: 0, stdout, stderr: '' })
    await expect(npmPack(root, root)).rejects.toThrow(
      'npm pack printed no file name',
    )
  })
})
