/**
 * The one way the sidebar talks to the server: a typed promise wrapper around google.script.run.
 * Types come from the server module itself (import type only, nothing of it is bundled), so a
 * renamed or re-typed server function breaks the build, not the manager's afternoon. Failures
 * reject with the server's message; nothing is swallowed.
 */
import type * as server from "../sheets/sidebar";

type Server = typeof server;
type Callable = {
  [K in keyof Server]: Server[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

export const rpc = new Proxy({} as Callable, {
  get(_target, name: string) {
    return (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const runner = google.script.run
          .withSuccessHandler(resolve)
          .withFailureHandler((error) => reject(error instanceof Error ? error : new Error(String(error))));
        const call = runner[name] as ((...a: unknown[]) => void) | undefined;
        if (typeof call !== "function") reject(new Error(`unknown server function ${name}`));
        else call.apply(runner, args);
      });
  },
});
