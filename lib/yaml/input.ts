// YAML written in an input (a list of images, a list of targets): every
// scalar is the text it was written as.
import { parseDocument } from 'yaml'
import { ConfigError, errorMessage } from '../runner/index.js'

/**
 * Reads the YAML of input `input` with the failsafe schema and no `!!` tags
 * resolved: `PYTHON_VERSION: 3.10` is "3.10", never the number 3.1, and
 * `010`, `0x1F`, `null` or `yes` stay as written (CASES C34). Errors are
 * ConfigErrors saying the input should hold `shape`.
 */
export function readYamlInput(
  input: string,
  text: string,
  shape: string,
): unknown {
  const doc = parseDocument(text, {
    schema: 'failsafe',
    resolveKnownTags: false,
  })
  const [error] = doc.errors
  if (error !== undefined) {
    const reason = error.message.split('\n')[0] ?? error.message
    throw new ConfigError(input, text, `${shape} (${reason})`)
  }
  try {
    return doc.toJS()
  } catch (error: unknown) {
    // An alias expanding past yaml's limit, say.
    throw new ConfigError(input, text, `${shape} (${errorMessage(error)})`)
  }
}
