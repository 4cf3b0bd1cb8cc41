// A jest reporter that ends the run with one plain line, `N passed, N
// failed, N skipped`, which CI reads whatever the test runner.
export default class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } =
      results
    const skipped = numPendingTests + numTodoTests
    process.stdout.write(
      `\n${numPassedTests} passed, ${numFailedTests} failed, ${skipped} skipped\n`,
    )
  }
}
