#!/usr/bin/env node
// `npx leadgrade …`: the TypeScript command, run through tsx (a dependency of this package).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
