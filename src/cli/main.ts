/**
 * `npm start` / `npx leadgrade`: runs the command with the process's arguments and streams.
 */
import { runCli } from "./program";

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: Boolean(process.stderr.isTTY),
  now: () => new Date(),
});
