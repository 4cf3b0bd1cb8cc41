// The changed files of C51 (/work/shared/cases/CASES.md, section G), as the
// pull-request files API lists them: one finding expected, src/a.ts:10.
import type { PullFile } from '../../../test/support/github-api.js'

/** src/a.ts: a call at 10, a comment at 11, a property access at 12. */
export const A_TS_PATCH = [
  '@@ -8,5 +8,7 @@ export function start() {',
  '   const a = 1',
  '   const b = 2',
  "-  console.log('old')",
  '+  console.log("x")',
  '+  // console.log(old)',
  "+  logger.console.log('y')",
  '   return a + b',
  ' }',
].join('\n')

const ADDS_LOG = '@@ -0,0 +1,1 @@\n+console.log("debug")'

/** The five files the case names, the large one without a patch. */
export const C51_FILES: PullFile[] = [
  file('src/a.ts', A_TS_PATCH, 3, 1),
  file('scripts/dev.js', ADDS_LOG),
  file('README.md', '@@ -3,0 +4,3 @@\n+```js\n+console.log(cortex)\n+```', 3),
  file('src/b.test.ts', ADDS_LOG),
  {
    filename: 'src/huge.ts',
    status: 'modified',
    additions: 4200,
    deletions: 0,
  },
]

/** C51's files plus harmless ones, `total` in all (350 in the case). */
export function c51Files(total: number): PullFile[] {
  const filler = Array.from({ length: total - C51_FILES.length }, (_, i) =>
    file(
      `src/gen/module-${String(i).padStart(3, '0')}.ts`,
      `@@ -1,1 +1,2 @@\n export const n = ${i}\n+export const m = ${i + 1}`,
    ),
  )
  return [...C51_FILES, ...filler]
}

function file(
  filename: string,
  patch: string,
  additions = 1,
  deletions = 0,
): PullFile {
  return { filename, status: 'modified', additions, deletions, patch }
}
