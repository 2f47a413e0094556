/**
 * A mistake the person running the command can fix (a missing file, a bad option, invalid rules):
 * printed as one clear line, exit code 2, never a stack trace.
 */
export class CliError extends Error {
  override readonly name = "CliError";
}
