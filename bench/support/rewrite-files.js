// The floor of the update-manifests benchmark, run as its own Node process:
// read every .yaml and .yml file under a folder and write it back
// unchanged. No tool that rewrites files in place can do less.
//
// Run:  node bench/support/rewrite-files.js <folder>
import * as fs from 'node:fs'
import * as path from 'node:path'

const root = process.argv[2]
if (root === undefined) {
  console.error('usage: node bench/support/rewrite-files.js <folder>')
  process.exit(2)
}
let count = 0
for (const entry of fs.readdirSync(root, {
  recursive: true,
  withFileTypes: true,
})) {
  if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue
  const file = path.join(entry.parentPath, entry.name)
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8'))
  count += 1
}
console.log(`rewrote ${count} files`)
