// Commands written as a person would type them into a POSIX shell, for dry
// runs and logs: each argument quoted only when the shell would split or
// expand it.

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/

/** One argument quoted for a POSIX shell, left bare when that is safe. */
export function shellQuote(arg: string): string {
  if (arg !== '' && PLAIN.test(arg)) return arg
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

/** A command and its arguments as one shell line. */
export function formatCommand(
  command: string,
  args: readonly string[],
): string {
  return [command, ...args].map(shellQuote).join(' ')
}
