import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { ConfigError, errorMessage, quote } from './config-error.js'
import {
  booleanInput,
  choiceInput,
  integerInput,
  listInput,
  multilineInput,
  optionalInput,
  requiredInput,
  secretInput,
  splitList,
} from './inputs.js'
import { MemoryLogger, coreLogger } from './logger.js'
import { clip } from './outputs.js'
import { runStage } from './run-stage.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
  jest.restoreAllMocks()
})

function input(name: string, value: string): void {
  process.env[`INPUT_${name.toUpperCase()}`] = value
}

/** Captures what @actions/core writes to stdout during fn. */
async function stdoutOf(fn: () => unknown): Promise<string> {
  const chunks: string[] = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk))
    return true
  })
  await fn()
  return chunks.join('')
}

describe('inputs', () => {
  it('reads an empty optional input as undefined', () => {
    input('tag-format', '   ')
    expect(optionalInput('tag-format')).toBeUndefined()
    expect(optionalInput('unset-input')).toBeUndefined()
  })

  it('names a missing required input', () => {
    expect(() => requiredInput('server')).toThrow(
      'input \'server\': got ""; expected a value',
    )
    input('server', ' x ')
    expect(requiredInput('server')).toBe('x')
  })

  it.each([
    ['true', true],
    ['yes', true],
    ['FALSE', false],
    ['off', false],
    ['', true],
  ])('reads the boolean %j as %s', (value, expected) => {
    input('flag', value)
    expect(booleanInput('flag', true)).toBe(expected)
  })

  it('refuses a boolean it cannot read', () => {
    input('flag', 'maybe')
    expect(() => booleanInput('flag', false)).toThrow(ConfigError)
  })

  it('splits lists on lines and commas, dropping blanks and comments', () => {
    input('files', 'a, b\n\n# note\nc ')
    expect(listInput('files')).toEqual(['a', 'b', 'c'])
    expect(splitList('')).toEqual([])
  })

  it('keeps a multi-line input as written', () => {
    input('body', 'one\n\n two')
    expect(multilineInput('body')).toBe('one\n\n two')
    input('body', ' \n')
    expect(multilineInput('body')).toBeUndefined()
  })

  it.each([
    ['3', 3],
    ['', 5],
  ])('reads the integer %j', (value, expected) => {
    input('n', value)
    expect(integerInput('n', 5, 0, 10)).toBe(expected)
  })

  it.each(['11', '-1', '2.5', 'x'])('refuses the integer %j', (value) => {
    input('n', value)
    expect(() => integerInput('n', 5, 0, 10)).toThrow(
      `input 'n': got "${value}"; expected a whole number from 0 to 10`,
    )
  })

  it('reads one of a set of words', () => {
    input('mode', 'b')
    expect(choiceInput('mode', ['a', 'b'], 'a')).toBe('b')
    input('mode', 'c')
    expect(() => choiceInput('mode', ['a', 'b'], 'a')).toThrow(
      'expected one of a, b',
    )
  })

  it('masks a secret before returning it', async () => {
    input('token', 'ghp_secret')
    let value: string | undefined
    const out = await stdoutOf(() => {
      value = secretInput('token')
    })
    expect(value).toBe('ghp_secret')
    expect(out).toContain('::add-mask::ghp_secret')
  })
})

describe('config errors', () => {
  it('quotes and shortens a long value', () => {
    expect(quote('x'.repeat(200))).toBe(JSON.stringify(`${'x'.repeat(117)}...`))
    expect(errorMessage(new Error('boom'))).toBe('boom')
    expect(errorMessage('plain')).toBe('plain')
  })
})

describe('runStage', () => {
  it('reports a configuration error as the user’s to fix', async () => {
    const out = await stdoutOf(() =>
      runStage(() => Promise.reject(new ConfigError('x', 'y', 'z'))),
    )
    expect(out).toContain(
      '::error::Configuration error: input \'x\': got "y"; expected z',
    )
    expect(process.exitCode).toBe(1)
  })

  it('reports any other error by its message, the stack at debug only', async () => {
    const out = await stdoutOf(() =>
      runStage(() => Promise.reject(new Error('broke'))),
    )
    expect(out).toMatch(/::debug::Error: broke/)
    expect(out).toMatch(/^::error::broke$/m)
  })
})

describe('loggers', () => {
  it('keeps every line in memory, by level', async () => {
    const log = new MemoryLogger()
    log.debug('d')
    log.info('i')
    log.warning('w')
    log.notice('n')
    expect(await log.group('g', () => Promise.resolve(7))).toBe(7)
    expect(log.at('warning')).toEqual(['w'])
    expect(log.lines).toHaveLength(5)
  })

  it('writes runner commands through @actions/core, closing groups on failure', async () => {
    const out = await stdoutOf(async () => {
      coreLogger.debug('d')
      coreLogger.info('i')
      coreLogger.warning('w', 'Title')
      coreLogger.notice('n')
      await expect(
        coreLogger.group('g', () => Promise.reject(new Error('x'))),
      ).rejects.toThrow('x')
    })
    expect(out.split('\n').filter(Boolean)).toEqual([
      '::debug::d',
      'i',
      '::warning title=Title::w',
      '::notice::n',
      '::group::g',
      '::endgroup::',
    ])
  })

  it('keeps a line of remote text from being read as a workflow command', async () => {
    const out = await stdoutOf(() => {
      coreLogger.info('crash\n::warning::forged\n  ::stop-commands::t\na :: b')
      coreLogger.debug('x\n::error::forged')
      coreLogger.warning('y\n::error::forged')
      return Promise.resolve()
    })
    expect(out.split('\n').filter((line) => /^\s*::/.test(line))).toEqual([
      '::debug::x%0A::error::forged',
      '::warning::y%0A::error::forged',
    ])
    expect(out).toContain('a :: b')
  })
})

describe('clip', () => {
  it('keeps short text whole', () => {
    expect(clip('a\nb', 10, 'x')).toBe('a\nb')
  })

  it('cuts long text at a line end and says where the rest is', () => {
    const text = `${'é'.repeat(10)}\n${'b'.repeat(50)}\nend`
    const cut = clip(text, 40, 'the release')
    expect(cut).toBe(
      `${'é'.repeat(10)}\n\n… ${text.length - 10} more characters: see the release.`,
    )
  })
})
