// Runs search requests with the wasm engine from a built site's own files
// (search/engine-*.wasm and search/index-*.pdix), as the browser's worker
// does. Usage: node parity.mjs SITE_DIR < requests.json > responses.json

import { readFileSync } from "node:fs";
import { openEngine } from "./engine.mjs";

const engine = await openEngine(process.argv[2]);
const requests = JSON.parse(readFileSync(0, "utf8"));
const responses = requests.map((r) => JSON.parse(engine.search(new TextEncoder().encode(JSON.stringify(r)))));
process.stdout.write(JSON.stringify(responses));
