import { afterEach, describe, expect, it } from '@jest/globals'
import { parseLock } from '../../../lib/npm-lock/index.js'
import { declared, findLicense } from '../src/declared-license.js'
import { fromLicenseText, fromReadme } from '../src/guess-license.js'
import type { TestPackage, TestProject } from './project.js'
import { writeProject } from './project.js'

describe('declared', () => {
  it.each([
    ['MIT', undefined, 'MIT'],
    [{ type: 'ISC', url: 'https://x' }, undefined, 'ISC'],
    [undefined, ['MIT', 'Apache-2.0'], 'MIT OR Apache-2.0'],
    [
      undefined,
      [{ type: 'MIT' }, { type: 'GPL-2.0 WITH x' }],
      'MIT OR (GPL-2.0 WITH x)',
    ],
    [[{ type: 'BSD-3-Clause' }], undefined, 'BSD-3-Clause'],
    ['  ', undefined, undefined],
    [undefined, [], undefined],
    [42, undefined, undefined],
  ])('reads license %j and licenses %j as %j', (license, licenses, text) => {
    expect(declared(license, licenses)).toBe(text)
  })
})

describe('findLicense', () => {
  let project: TestProject | undefined
  afterEach(() => {
    project?.cleanup()
    project = undefined
  })

  function found(pkg: TestPackage): unknown {
    project = writeProject('app', { p: '1' }, [pkg])
    const lock = parseLock(
      JSON.stringify({
        lockfileVersion: 3,
        packages: {
          [pkg.location]:
            pkg.license === undefined ? {} : { license: pkg.license },
        },
      }),
    )
    const entry = lock.packages.get(pkg.location)
    if (entry === undefined) throw new Error('no entry')
    return findLicense(entry, project.dir)
  }

  it('takes the lock license first', () => {
    const pkg = {
      location: 'node_modules/p',
      license: 'MIT',
      manifest: { license: 'ISC' },
    }
    expect(found(pkg)).toEqual({
      kind: 'declared',
      text: 'MIT',
      source: 'lock',
    })
  })

  it('reads the package.json when the lock has none', () => {
    const pkg = {
      location: 'node_modules/p',
      manifest: { licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] },
    }
    expect(found(pkg)).toEqual({
      kind: 'declared',
      text: 'MIT OR Apache-2.0',
      source: 'package.json',
    })
  })

  it('guesses from a LICENSE file before the README', () => {
    const pkg = {
      location: 'node_modules/p',
      manifest: { name: 'p' },
      files: {
        'LICENSE.txt':
          'ISC License\n\nPermission to use, copy, modify, and/or distribute this software for any purpose…',
        'README.md': '## License\n\nMIT',
      },
    }
    expect(found(pkg)).toEqual({
      kind: 'guessed',
      text: 'ISC',
      file: 'LICENSE.txt',
    })
  })

  it('says nothing was found, and whether the package is installed', () => {
    expect(found({ location: 'node_modules/p', manifest: {} })).toEqual({
      kind: 'none',
      installed: true,
    })
    expect(found({ location: 'node_modules/p' })).toEqual({
      kind: 'none',
      installed: false,
    })
  })
})

// The phrases below are short quotations of each license's own wording,
// the part a detector keys on; the rest of each text is left out.
describe('fromLicenseText', () => {
  it.each([
    ['Permission is hereby granted, free of charge, to any person', 'MIT'],
    ['Apache License\n   Version 2.0, January 2004', 'Apache-2.0'],
    [
      'Redistribution and use in source and binary forms ... Neither the name of',
      'BSD-3-Clause',
    ],
    [
      'Redistribution and use in source and binary forms, with or without',
      'BSD-2-Clause',
    ],
    [
      'This is free and unencumbered software released into the public domain.',
      'Unlicense',
    ],
    ['Mozilla Public License Version 2.0', 'MPL-2.0'],
    ['GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007', 'GPL-3.0-only'],
    ['All rights reserved.', undefined],
  ])('reads %j as %j', (text, license) => {
    expect(fromLicenseText(text)).toBe(license)
  })
})

describe('fromReadme', () => {
  it.each([
    ['# x\n\n## License\n\nMIT\n', 'MIT'],
    ['## Licence\n\n**ISC** © Someone', 'ISC'],
    ['## License\n\n[Apache-2.0](LICENSE)', 'Apache-2.0'],
    ['This project is licensed under the MIT License.', 'MIT'],
    ['## License\n\nSee the file.', undefined],
    ['No word on it.', undefined],
  ])('reads %j as %j', (text, license) => {
    expect(fromReadme(text)).toBe(license)
  })
})
