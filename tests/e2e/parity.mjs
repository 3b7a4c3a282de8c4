// Runs search requests with the wasm engine from a built site's own files
// (search/engine-*.wasm and search/index-*.pdix), as the browser's worker
// does. Usage: node parity.mjs SITE_DIR < requests.json > responses.json

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const site = process.argv[2];
const files = readdirSync(join(site, "search"));
const read = (suffix) => readFileSync(join(site, "search", files.find((f) => f.endsWith(suffix))));
const { instance } = await WebAssembly.instantiate(read(".wasm"), {});
const e = instance.exports;

function call(fn, bytes) {
  const ptr = e.alloc(bytes.length);
  new Uint8Array(e.memory.buffer, ptr, bytes.length).set(bytes);
  const rc = e[fn](ptr, bytes.length);
  e.dealloc(ptr, bytes.length);
  const out = new TextDecoder().decode(new Uint8Array(e.memory.buffer, e.result_ptr(), e.result_len()));
  if (rc !== 0) throw new Error(`${fn}: ${out}`);
  return out;
}

call("open", read(".pdix"));
const requests = JSON.parse(readFileSync(0, "utf8"));
const responses = requests.map((r) => JSON.parse(call("search", new TextEncoder().encode(JSON.stringify(r)))));
process.stdout.write(JSON.stringify(responses));
