import { describe, expect, it } from '@jest/globals'
import * as os from 'node:os'
import { realpathSync } from 'node:fs'
import { CommandError, formatCommand, runCommand, shellQuote } from './index.js'
import type { CommandResult } from './index.js'

// The commands are `node -e <script>`, so the tests need no other tool.
const node = process.execPath

function script(code: string): Promise<CommandResult> {
  return runCommand(node, ['-e', code])
}

describe('runCommand', () => {
  it('returns what the command printed and its exit code', async () => {
    const result = await script(
      'process.stdout.write("out\\n"); process.stderr.write("err"); process.exit(3)',
    )
    expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err' })
  })

  it('gives the input on standard input, not in the arguments', async () => {
    const result = await runCommand(
      node,
      ['-e', 'process.stdin.pipe(process.stdout)'],
      { input: 's3cret' },
    )
    expect(result.stdout).toBe('s3cret')
  })

  it('runs in the folder and with the extra variables given', async () => {
    const dir = realpathSync(os.tmpdir())
    const result = await runCommand(
      node,
      [
        '-e',
        'console.log(process.cwd(), process.env.EXTRA, !!process.env.PATH)',
      ],
      { cwd: dir, env: { EXTRA: 'yes' } },
    )
    expect(result.stdout.trim()).toBe(`${dir} yes true`)
  })

  it('hands each line to onLine as it arrives, across chunk borders', async () => {
    const lines: string[] = []
    await runCommand(
      node,
      [
        '-e',
        'process.stdout.write("a\\r\\nb"); setTimeout(() => { process.stdout.write("c\\nd"); process.stderr.write("e\\n") }, 20)',
      ],
      { onLine: (line, stream) => lines.push(`${stream}:${line}`) },
    )
    expect(lines.sort()).toEqual([
      'stderr:e',
      'stdout:a',
      'stdout:bc',
      'stdout:d',
    ])
  })

  it('does not break when the command ignores its input', async () => {
    const result = await runCommand(node, ['-e', 'process.exit(0)'], {
      input: 'x'.repeat(1 << 20),
    })
    expect(result.exitCode).toBe(0)
  })

  it('says which signal ended a command that ran out of time', async () => {
    const result = await runCommand(
      node,
      ['-e', 'setTimeout(() => {}, 5000)'],
      {
        timeoutMs: 100,
      },
    )
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('(ended by SIGTERM)')
  })

  it('kills the command when the signal aborts, rejecting with its reason', async () => {
    const controller = new AbortController()
    const started = Date.now()
    const running = runCommand(node, ['-e', 'setTimeout(() => {}, 30000)'], {
      signal: controller.signal,
    })
    setTimeout(() => controller.abort(new Error('timeout after 10 s')), 100)
    await expect(running).rejects.toThrow('timeout after 10 s')
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('rejects with a CommandError naming a command that is not on PATH', async () => {
    const started = runCommand('cortex-no-such-tool', ['build'])
    await expect(started).rejects.toThrow(CommandError)
    await expect(started).rejects.toThrow(
      'cortex-no-such-tool build could not start: cortex-no-such-tool is not on PATH',
    )
  })
})

describe('CommandError', () => {
  it('names the command by its first words and quotes the end of its output', () => {
    const stderr = Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n')
    const error = new CommandError(
      'docker',
      ['buildx', 'build', '--push', '.'],
      {
        exitCode: 1,
        stdout: '',
        stderr,
      },
    )
    expect(error.message).toMatch(
      /^docker buildx build failed \(exit 1\):\nline 10\n/,
    )
    expect(error.message).toMatch(/line 29$/)
    expect(error.message).not.toContain('line 9\n')
  })

  it('reads without output when there was none', () => {
    const error = new CommandError('cosign', ['sign'], {
      exitCode: 2,
      stdout: '',
      stderr: '',
    })
    expect(error.message).toBe('cosign sign failed (exit 2)')
  })
})

describe('formatCommand', () => {
  it.each([
    ['plain', 'plain'],
    ['type=gha,scope=api', 'type=gha,scope=api'],
    ['ghcr.io/org/app@sha256:ab', 'ghcr.io/org/app@sha256:ab'],
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
  ])('quotes %j as %s', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted)
  })

  it('writes a command as one shell line', () => {
    expect(formatCommand('docker', ['build', '--label', 'a=b c', '.'])).toBe(
      "docker build --label 'a=b c' .",
    )
  })
})

describe('the environment a command sees', () => {
  it('leaves out the step inputs, which may hold secrets', async () => {
    process.env['INPUT_REGISTRY-PASSWORD'] = 'hunter2-secret'
    try {
      const result = await runCommand('env', [])
      expect(result.stdout).not.toContain('hunter2-secret')
      expect(result.stdout).toContain('PATH=')
    } finally {
      delete process.env['INPUT_REGISTRY-PASSWORD']
    }
  })
})
