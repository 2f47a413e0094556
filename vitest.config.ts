import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // No console noise: a test that logs is a test that hides something.
    onConsoleLog: () => false,
  },
});
