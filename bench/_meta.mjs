import { build } from "esbuild";
import { addonPhoneMetadata } from "../build.mjs";
const r = await build({ entryPoints: ["src/sheets/index.ts"], bundle: true, format: "iife", target: "es2019", platform: "neutral", mainFields: ["module","main"], minify: true, write: false, metafile: true, legalComments:"none", charset: "utf8" });
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([k,v]) => [v.bytesInOutput, k]).sort((a,b)=>b[0]-a[0]);
const byDir = {};
for (const [b,k] of rows) { const d = k.split("/").slice(0, k.startsWith("node_modules") ? 2 : 4).join("/"); byDir[d]=(byDir[d]||0)+b; }
console.log(Object.entries(byDir).sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>`${(v/1024).toFixed(1)}\t${k}`).join("\n"));
console.log("----");
console.log(rows.filter(([b,k])=>k.startsWith("src/core")).map(([b,k])=>`${(b/1024).toFixed(1)}\t${k}`).join("\n"));
