// The browser's search engine run by node from a built site's own files
// (search/engine-*.wasm, search/index-*.pdix and its bodies,
// search/bodies-*.pdtx), as the search worker runs it: shared by the
// parity test and the benchmark.

import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Opens a built site's engine and index; `search` takes request bytes (UTF-8 JSON) and returns the response text. */
export async function openEngine(site) {
  const files = readdirSync(join(site, "search"));
  const read = (suffix) => readFileSync(join(site, "search", files.find((f) => f.endsWith(suffix))));
  const { instance } = await WebAssembly.instantiate(read(".wasm"), {});
  const e = instance.exports;
  const call = (fn, bytes) => {
    const ptr = e.alloc(bytes.length);
    new Uint8Array(e.memory.buffer, ptr, bytes.length).set(bytes);
    const rc = e[fn](ptr, bytes.length);
    e.dealloc(ptr, bytes.length);
    const out = new TextDecoder().decode(new Uint8Array(e.memory.buffer, e.result_ptr(), e.result_len()));
    if (rc !== 0) throw new Error(`${fn}: ${out}`);
    return out;
  };
  const opened = performance.now();
  call("open", read(".pdix"));
  call("bodies", read(".pdtx"));
  return { openMs: performance.now() - opened, search: (bytes) => call("search", bytes) };
}
