import { describe, expect, it } from '@jest/globals'
import { randomStrings } from '../../test/support/random.js'
import { parseLicense } from './parse.js'

describe('parseLicense', () => {
  it.each([
    ['MIT', 'MIT'],
    ['(MIT OR Apache-2.0)', 'MIT OR Apache-2.0'],
    ['MIT AND (ISC OR 0BSD)', 'MIT AND (ISC OR 0BSD)'],
    ['MIT OR ISC AND 0BSD', 'MIT OR (ISC AND 0BSD)'],
    ['((MIT))', 'MIT'],
    [
      'GPL-2.0-only WITH Classpath-exception-2.0',
      'GPL-2.0-only WITH Classpath-exception-2.0',
    ],
    ['MPL-1.1+', 'MPL-1.1+'],
    ['LicenseRef-acme-eula', 'LicenseRef-acme-eula'],
    [
      'DocumentRef-sbom:LicenseRef-x OR MIT',
      'DocumentRef-sbom:LicenseRef-x OR MIT',
    ],
  ])('reads %j as %j without a note', (text, expected) => {
    const parsed = parseLicense(text)
    expect(parsed).toMatchObject({ ok: true, text: expected, notes: [] })
  })

  it.each([
    ['mit', 'MIT', 'read "mit" as "MIT"'],
    [
      'Apache 2.0',
      'Apache-2.0',
      '"Apache 2.0" is not an SPDX id; read as "Apache-2.0"',
    ],
    [
      'Apache License, Version 2.0',
      'Apache-2.0',
      '"Apache License, Version 2.0" is not an SPDX id; read as "Apache-2.0"',
    ],
    [
      'The MIT License',
      'MIT',
      '"The MIT License" is not an SPDX id; read as "MIT"',
    ],
    [
      'GPLv3',
      'GPL-3.0-only',
      '"GPLv3" is not an SPDX id; read as "GPL-3.0-only"',
    ],
    [
      'GPL-2.0',
      'GPL-2.0-only',
      '"GPL-2.0" is a deprecated SPDX id; read as "GPL-2.0-only"',
    ],
    [
      'GPL-2.0+',
      'GPL-2.0-or-later',
      '"GPL-2.0+" is a deprecated SPDX id; read as "GPL-2.0-or-later"',
    ],
    [
      'LGPL-2.1+ OR MIT',
      'LGPL-2.1-or-later OR MIT',
      '"LGPL-2.1+" is a deprecated SPDX id; read as "LGPL-2.1-or-later"',
    ],
    [
      'GPL-2.0-with-classpath-exception',
      'GPL-2.0-only WITH Classpath-exception-2.0',
      '"GPL-2.0-with-classpath-exception" is a deprecated SPDX id; read as "GPL-2.0-only WITH Classpath-exception-2.0"',
    ],
    [
      'StandardML-NJ',
      'SMLNJ',
      '"StandardML-NJ" is a deprecated SPDX id; read as "SMLNJ"',
    ],
    ['Net-SNMP', 'Net-SNMP', '"Net-SNMP" is a deprecated SPDX id'],
    ['MIT or ISC', 'MIT OR ISC', 'read "or" as "OR"'],
    [
      'GPL-3.0-only WITH gcc-exception-3.1',
      'GPL-3.0-only WITH GCC-exception-3.1',
      'read "gcc-exception-3.1" as "GCC-exception-3.1"',
    ],
  ])('reads %j as %j, noting %j', (text, expected, note) => {
    const parsed = parseLicense(text)
    expect(parsed).toMatchObject({ ok: true, text: expected, notes: [note] })
  })

  it.each([
    [
      'Unlicense/MIT',
      '"Unlicense/MIT" is not an SPDX license id',
      ['Unlicense OR MIT'],
    ],
    ['MIT, ISC', '"MIT," is not an SPDX license id', ['MIT OR ISC']],
    [
      'BSD',
      '"BSD" is not an SPDX license id',
      ['BSD-2-Clause', 'BSD-3-Clause', 'BSD-*'],
    ],
    ['MIT*', '"MIT*" is not an SPDX license id', ['MIT']],
    [
      'GLP-3.0',
      '"GLP-3.0" is not an SPDX license id',
      ['GPL-3.0-only', 'GPL-1.0-only', 'GPL-2.0-only'],
    ],
    ['', 'the license is empty', []],
    ['MIT OR', 'the expression ends where a license should be', []],
    ['(MIT', 'a "(" is never closed', []],
    ['MIT)', 'unexpected ")" after a license', []],
    ['AND MIT', '"AND" where a license should be', []],
    ['MIT WITH', 'WITH is not followed by an exception id', []],
    ['MIT WITH nothing-here', '"nothing-here" is not an SPDX exception id', []],
    [
      'GPL-2.0-with-classpath-exception WITH LLVM-exception',
      '"GPL-2.0-with-classpath-exception" already carries an exception',
      [],
    ],
  ])('refuses %j: %s', (text, reason, suggestions) => {
    const parsed = parseLicense(text)
    expect(parsed).toEqual({ ok: false, reason, suggestions })
  })

  it('refuses a text too long to be a license', () => {
    expect(parseLicense('MIT OR '.repeat(200) + 'MIT')).toMatchObject({
      ok: false,
      reason: 'the license is over 1000 characters',
    })
  })

  it('never throws, whatever the string', () => {
    const pieces = ['MIT', ' ', '(', ')', 'AND', 'OR', 'WITH', '+', '/', ',']
    const more = ['mit', 'Apache 2.0', 'LicenseRef-', 'GPL-2.0', '\u0000', '"']
    for (const text of randomStrings(7, 200, [...pieces, ...more], 12)) {
      expect(() => parseLicense(text)).not.toThrow()
    }
  })
})
