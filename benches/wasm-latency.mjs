// Query latency of the browser engine (the site's own search/engine-*.wasm
// on its search/index-*.pdix) in node, as the search worker runs it.
// Usage: node wasm-latency.mjs SITE_DIR QUERIES_JSON  ->  {"p50": ms, "p95": ms, "count": n}

import { readFileSync } from "node:fs";
import { openEngine } from "../tests/e2e/engine.mjs";

const [site, queriesFile] = process.argv.slice(2);
const engine = await openEngine(site);
const requests = JSON.parse(readFileSync(queriesFile, "utf8")).map((r) => new TextEncoder().encode(JSON.stringify(r)));
for (const r of requests.slice(0, 20)) engine.search(r);
const ms = requests.map((r) => {
  const t = performance.now();
  engine.search(r);
  return performance.now() - t;
});
ms.sort((a, b) => a - b);
const at = (p) => ms[Math.round((ms.length - 1) * p)];
process.stdout.write(JSON.stringify({ p50: at(0.5), p95: at(0.95), count: ms.length, open_ms: engine.openMs }));
