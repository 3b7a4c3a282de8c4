// Query latency of the browser engine (the site's own search/engine-*.wasm
// on its search/index-*.pdix) in node, as the search worker runs it.
// Usage: node wasm-latency.mjs SITE_DIR QUERIES_JSON  ->  {"p50": ms, "p95": ms, "count": n}

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const [site, queriesFile] = process.argv.slice(2);
const files = readdirSync(join(site, "search"));
const read = (suffix) => readFileSync(join(site, "search", files.find((f) => f.endsWith(suffix))));
const { instance } = await WebAssembly.instantiate(read(".wasm"), {});
const e = instance.exports;

function call(fn, bytes) {
  const ptr = e.alloc(bytes.length);
  new Uint8Array(e.memory.buffer, ptr, bytes.length).set(bytes);
  const rc = e[fn](ptr, bytes.length);
  e.dealloc(ptr, bytes.length);
  if (rc !== 0) throw new Error(`${fn} failed`);
}

const opened = performance.now();
call("open", read(".pdix"));
const openMs = performance.now() - opened;
const requests = JSON.parse(readFileSync(queriesFile, "utf8")).map((r) => new TextEncoder().encode(JSON.stringify(r)));
for (const r of requests.slice(0, 20)) call("search", r);
const ms = requests.map((r) => {
  const t = performance.now();
  call("search", r);
  return performance.now() - t;
});
ms.sort((a, b) => a - b);
const at = (p) => ms[Math.round((ms.length - 1) * p)];
process.stdout.write(JSON.stringify({ p50: at(0.5), p95: at(0.95), count: ms.length, open_ms: openMs }));
