import { describe, expect, it } from '@jest/globals'
import {
  XmlError,
  XmlStream,
  attributeOf,
  decodeEntities,
} from '../src/xml-stream.js'

/** The events a document gives, fed in pieces of `size` characters. */
function events(doc: string, size = doc.length): string[] {
  const seen: string[] = []
  const stream = new XmlStream({
    open: (name, attributes, selfClosing) =>
      seen.push(`<${name}${attributes.trimEnd()}${selfClosing ? '/' : ''}>`),
    close: (name) => seen.push(`</${name}>`),
    text: (raw, cdata) => seen.push(cdata ? `cdata:${raw}` : `text:${raw}`),
  })
  for (let i = 0; i < doc.length; i += size)
    stream.write(doc.slice(i, i + size))
  stream.end()
  // Text split across pieces arrives in parts; joined, it is the same.
  return seen
    .reduce<string[]>((all, event) => {
      const last = all.at(-1)
      if (last?.startsWith('text:') && event.startsWith('text:')) {
        all[all.length - 1] = last + event.slice(5)
      } else all.push(event)
      return all
    }, [])
    .filter((event) => event.trim() !== 'text:')
}

const DOC = `\uFEFF<?xml version="1.0"?>
<!DOCTYPE coverage [ <!ENTITY x "y"> ]>
<!-- a comment with <tags> -->
<coverage rate="1">
  <source>/a &amp; b</source>
  <source><![CDATA[C:\\x<y>]]></source>
  <line number="3" note="a > b" quote='say "hi"'/>
  <empty />
</coverage>`

const EXPECTED = [
  '<coverage rate="1">',
  '<source>',
  'text:/a &amp; b',
  '</source>',
  '<source>',
  'cdata:C:\\x<y>',
  '</source>',
  `<line number="3" note="a > b" quote='say "hi"'/>`,
  '</line>',
  '<empty/>',
  '</empty>',
  '</coverage>',
]

describe('XmlStream', () => {
  it('gives tags, text and CDATA, skipping the prolog and comments', () => {
    expect(events(DOC)).toEqual(EXPECTED)
  })

  it.each([1, 2, 3, 7, 64])(
    'gives the same events fed %i character(s) at a time',
    (size) => {
      expect(events(DOC, size)).toEqual(EXPECTED)
    },
  )

  it.each([
    ['an unclosed tag', '<coverage><line number="1"'],
    ['an unclosed comment', '<coverage><!-- no end'],
    ['a stray <', '<coverage>< 3</coverage>'],
  ])('refuses %s at the end', (_name, doc) => {
    expect(() => events(doc)).toThrow(XmlError)
  })
})

describe('attributeOf', () => {
  const RAW = ` filename="src\\Q&amp;A.cs" note='hits="9"' hits = "2" x=3`
  it.each([
    ['filename', 'src\\Q&A.cs'],
    ['note', 'hits="9"'],
    ['hits', '2'],
    ['name', undefined],
    ['x', undefined],
  ])('reads %s as %j, never from inside another value', (name, value) => {
    expect(attributeOf(RAW, name)).toBe(value)
  })

  it('finds nothing in an unclosed value', () => {
    expect(attributeOf(' a="1', 'a')).toBeUndefined()
  })
})

describe('decodeEntities', () => {
  it.each([
    ['a &lt; b &gt; c', 'a < b > c'],
    ['&quot;&apos;&amp;', `"'&`],
    ['&#233;&#xE9;', 'éé'],
    ['&unknown; &#xFFFFFFF;', '&unknown; &#xFFFFFFF;'],
    ['plain', 'plain'],
  ])('reads %j as %j', (text, decoded) => {
    expect(decodeEntities(text)).toBe(decoded)
  })
})
