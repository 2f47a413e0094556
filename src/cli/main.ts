/**
 * `npm start` / `npx leadgrade`: runs the command with the process's arguments and streams.
 */
import { runCli } from "./program";

// `leadgrade leads.csv | head`: the reader may go before the summary is all printed. The files are
// written by then, so a closed pipe only ends the printing (Node would otherwise crash on EPIPE).
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: Boolean(process.stderr.isTTY),
  now: () => new Date(),
});
