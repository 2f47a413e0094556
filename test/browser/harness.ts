/**
 * The sidebar's test harness: a local HTTP server that serves the built dist/sidebar.html with a
 * google.script.run stand-in. The stand-in sends each call to /rpc/<function>, where the real
 * server functions of src/sheets/sidebar.ts run in this process over the Apps Script fakes — the
 * same code HtmlService would call, on a spreadsheet the test can look into.
 *
 * The stand-in keeps google.script.run's rules: arguments that are not JSON-safe (a Date, a
 * function) fail the call as Apps Script does; a return value holding a Date arrives as null, as
 * in Apps Script, and is also recorded in `violations` so a test can say so plainly.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as sidebarServer from "../../src/sheets/sidebar";
import { type FakeOptions, type GasFakes, installGasFakes } from "../support/gasFakes";

/** What the browser may call: every server function the sidebar module exports, bar those that open it (HtmlService). */
const CALLABLE = new Set(Object.keys(sidebarServer).filter((name) => !name.startsWith("open")));

const STAND_IN = `
(function () {
  function illegal(value) {
    if (value instanceof Date || typeof value === "function") return true;
    if (value && typeof value === "object") {
      for (var key in value) if (illegal(value[key])) return true;
    }
    return false;
  }
  function runner(onSuccess, onFailure) {
    return new Proxy({}, {
      get: function (_target, name) {
        if (name === "withSuccessHandler") return function (h) { return runner(h, onFailure); };
        if (name === "withFailureHandler") return function (h) { return runner(onSuccess, h); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          function fail(message) { if (onFailure) onFailure(new Error(message)); else console.error(message); }
          if (args.some(illegal)) { Promise.resolve().then(function () { fail("Failed due to illegal value in object."); }); return; }
          fetch("/rpc/" + encodeURIComponent(String(name)), {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(args),
          })
            .then(function (r) { return r.json(); })
            .then(function (answer) {
              if ("error" in answer) fail(answer.error);
              else if (onSuccess) onSuccess(answer.value);
            }, function (e) { fail(String(e)); });
        };
      },
    });
  }
  window.google = { script: { run: runner(null, null), host: { close: function () {} } } };
})();
`;

function hasDate(value: unknown): boolean {
  if (value instanceof Date) return true;
  if (value && typeof value === "object") return Object.values(value).some(hasDate);
  return false;
}

export interface Harness {
  url: string;
  fakes: GasFakes;
  /** Every server call made, in order: name and arguments. */
  calls: { name: string; args: unknown[] }[];
  /** Return values that Apps Script could not have sent (a Date inside). */
  violations: string[];
  /** Makes the named server function throw this message on its next calls (to test failures). */
  failNext: Map<string, string>;
  /** Adds what the server appended to the sidebar's HtmlOutput (HtmlOutput.append) to the page served. */
  appendToPage(content: string): void;
  close(): Promise<void>;
}

export async function startHarness(sidebarHtml: string, options: FakeOptions): Promise<Harness> {
  const fakes = installGasFakes(options);
  const calls: Harness["calls"] = [];
  const violations: string[] = [];
  const failNext = new Map<string, string>();
  let page = sidebarHtml.replace("</head>", () => `<script>${STAND_IN}</script>\n</head>`);

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (request.method === "GET" && url.pathname === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(page);
      return;
    }
    const match = /^\/rpc\/([A-Za-z]+)$/.exec(url.pathname);
    if (request.method !== "POST" || !match) {
      response.writeHead(404).end();
      return;
    }
    const name = match[1] as string;
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
    });
    request.on("end", () => {
      let answer: { value: unknown } | { error: string };
      try {
        const args = JSON.parse(body) as unknown[];
        calls.push({ name, args });
        if (!CALLABLE.has(name)) throw new Error(`Script function not found: ${name}`);
        const failure = failNext.get(name);
        if (failure !== undefined) throw new Error(failure);
        const fn = (sidebarServer as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
        let value = fn?.(...args);
        if (hasDate(value)) {
          violations.push(`${name} returned a Date`);
          value = null;
        }
        answer = { value: value === undefined ? null : value };
      } catch (error) {
        answer = { error: error instanceof Error ? error.message : String(error) };
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    fakes,
    calls,
    violations,
    failNext,
    appendToPage: (content) => {
      page += content;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
