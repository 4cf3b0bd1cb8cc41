// Rule workflow-syntax: workflows and action.yml files through GitHub's own
// parser (@actions/workflow-parser), which knows every key, context and
// expression the runner accepts.
//
// The package imports its JSON schemas without `with { type: 'json' }`, so
// plain Node cannot load it as ESM (actions/languageservices#387); the ncc
// bundle inlines the JSON, and jest still accepts the import.
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/action-parser'
import type { Finding } from './findings.js'
import type { YamlFile } from './yaml-source.js'

/** What GitHub's parser says about a workflow or action.yml file. */
export function parserFindings(file: YamlFile): Finding[] {
  // A file that is not YAML has had its finding already.
  if (!file.parsed) return []
  const source = { name: file.path, content: file.text }
  const trace = new NoOperationTraceWriter()
  const result =
    file.kind === 'action'
      ? parseAction(source, trace)
      : parseWorkflow(source, trace)
  return result.context.errors.getErrors().map((error) => ({
    rule: 'workflow-syntax',
    file: file.path,
    line: error.range?.start.line ?? 1,
    column: error.range?.start.column ?? 1,
    message: error.rawMessage,
  }))
}
