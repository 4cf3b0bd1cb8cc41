import { describe, expect, it } from '@jest/globals'
import { JsonTextError, jsonPath, setJsonString } from '../src/json-text.js'

// Written by hand in the layout `npm init` and `npm install` (npm 10,
// lockfileVersion 3) produce: 2-space indent, trailing newline, the root
// version in two places and a `version` nested in every package entry.
const PACKAGE_JSON = `{
  "name": "app",
  "version": "1.4.0",
  "dependencies": {
    "left-pad": "^1.3.0"
  }
}
`
const LOCKFILE = `{
  "name": "app",
  "version": "1.4.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "app",
      "version": "1.4.0",
      "dependencies": {
        "left-pad": "^1.3.0"
      }
    },
    "node_modules/left-pad": {
      "version": "1.4.0",
      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"
    }
  }
}
`

describe('setJsonString', () => {
  it('changes only the root version of a 2-space package.json (C68)', () => {
    const result = setJsonString(PACKAGE_JSON, ['version'], '1.5.0')
    expect(result).toEqual({
      text: PACKAGE_JSON.replace('"1.4.0"', '"1.5.0"'),
      changed: true,
      found: true,
    })
  })

  it('reaches the lockfile root entry under the empty key', () => {
    const result = setJsonString(LOCKFILE, ['packages', '', 'version'], '1.5.0')
    const lines = result.text.split('\n')
    expect(lines[8]).toBe('      "version": "1.5.0",')
    expect(lines[2]).toBe('  "version": "1.4.0",')
    expect(lines[14]).toBe('      "version": "1.4.0",')
  })

  it('never touches a version nested in dependencies', () => {
    const text = '{"dependencies":{"x":{"version":"1.0.0"}},"version":"1.0.0"}'
    expect(setJsonString(text, ['version'], '2.0.0').text).toBe(
      '{"dependencies":{"x":{"version":"1.0.0"}},"version":"2.0.0"}',
    )
  })

  it.each([
    ['tabs', '{\n\t"version": "1.0.0"\n}\n'],
    ['no final newline', '{\n  "version": "1.0.0"\n}'],
    [
      'CRLF and odd spacing',
      '{\r\n  "version"  :\t"1.0.0" ,\r\n"a":[ 1 , 2e3 ] }\r\n',
    ],
    ['empty containers', '{"a":[],"b":{},"version":"1.0.0","c":[ ]}'],
    ['a byte-order mark', '\uFEFF{"version":"1.0.0"}'],
    [
      'escapes elsewhere',
      '{"a\\"b":"\\u00e9\\n","version":"1.0.0","c":"\\\\"}',
    ],
  ])('keeps every other byte of a document with %s', (_name, text) => {
    const result = setJsonString(text, ['version'], '1.1.0')
    expect(result.text).toBe(text.replace('"1.0.0"', '"1.1.0"'))
  })

  it('matches a key written with escapes by its meaning', () => {
    const text = '{"ver\\u0073ion": "1.0.0"}'
    expect(setJsonString(text, ['version'], '2.0.0').text).toBe(
      '{"ver\\u0073ion": "2.0.0"}',
    )
  })

  it('reports no change when the value is already there', () => {
    const text = '{"version":"1.\\u0035.0"}'
    expect(setJsonString(text, ['version'], '1.5.0')).toEqual({
      text,
      changed: false,
      found: true,
    })
  })

  it('writes a value that needs escaping as valid JSON', () => {
    const result = setJsonString('{"v":""}', ['v'], 'a"b\\c')
    expect(JSON.parse(result.text)).toEqual({ v: 'a"b\\c' })
  })

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    const text = '{"version":"1","version":"2"}'
    expect(setJsonString(text, ['version'], '3').text).toBe(
      '{"version":"1","version":"3"}',
    )
  })

  it('follows array indices given as decimal strings', () => {
    const text = '{"a":[{"v":"x"},{"v":"y"}]}'
    expect(setJsonString(text, ['a', '1', 'v'], 'z').text).toBe(
      '{"a":[{"v":"x"},{"v":"z"}]}',
    )
  })

  it.each([
    [['missing']],
    [['dependencies', 'version']],
    [['version', 'deeper']],
  ])('reports a path %j that is not there as not found', (path) => {
    expect(setJsonString(PACKAGE_JSON, path, '1')).toEqual({
      text: PACKAGE_JSON,
      changed: false,
      found: false,
    })
  })

  it.each([
    ['{"version": 1}', 'version is a number, not a string at 1:13'],
    ['{"version": {}}', 'version is an object, not a string at 1:13'],
    ['{"version": null}', 'version is null, not a string at 1:13'],
  ])('refuses a non-string value in %s', (text, message) => {
    expect(() => setJsonString(text, ['version'], '1')).toThrow(message)
  })

  it.each([
    ['', 'unexpected end of the document at 1:1'],
    ['{\n  "a": 1,\n}', 'expected a key at 3:1'],
    ['{"a" 1}', "expected ':' at 1:6"],
    ['{"a": 1 "b": 2}', "expected ',' or '}' at 1:9"],
    ['[1, 2', 'unexpected end of the document at 1:6'],
    ['{"a": tru}', 'unexpected "t" at 1:7'],
    ['{"a": "x\ny"}', 'control character in a string at 1:9'],
    ['{"a": "\\x"}', 'invalid escape in a string at 1:8'],
    ['{"a": "open', 'unterminated string at 1:7'],
    ['{"a": "\\"open', 'unterminated string at 1:7'],
    ['{"a": -}', 'invalid number at 1:7'],
    ['{} {}', 'unexpected text after the end at 1:4'],
  ])('rejects %j with the line and column', (text, message) => {
    let thrown: unknown
    try {
      setJsonString(text, ['version'], '1')
    } catch (error: unknown) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(JsonTextError)
    expect((thrown as JsonTextError).kind).toBe('syntax')
    expect((thrown as JsonTextError).message).toContain(message)
  })

  it('stops a deeply nested document before the stack overflows', () => {
    expect(() => setJsonString('['.repeat(600), ['a'], '1')).toThrow(
      'nesting too deep at 1:514',
    )
  })

  it('validates the whole document, also after the value', () => {
    expect(() => setJsonString('{"version":"1",}', ['version'], '2')).toThrow(
      JsonTextError,
    )
  })
})

describe('jsonPath', () => {
  it.each([
    [['version'], 'version'],
    [['app', 'version'], 'app.version'],
    [['packages', '', 'version'], 'packages[""].version'],
    [['a.b'], '["a.b"]'],
  ])('shows %j as %s', (path, shown) => {
    expect(jsonPath(path)).toBe(shown)
  })
})
