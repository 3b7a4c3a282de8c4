// The search worker: opens the engine (WebAssembly, compiled by the page)
// on the index (its bytes, fetched by the page: first the part a result
// needs, then the listings' bodies), then answers every query on this
// device. Nothing about a query ever leaves it.
"use strict";

let engine = null;

function call(name, bytes) {
  const e = engine.exports;
  const ptr = e.alloc(bytes.length);
  new Uint8Array(e.memory.buffer, ptr, bytes.length).set(bytes);
  const rc = e[name](ptr, bytes.length);
  e.dealloc(ptr, bytes.length);
  const text = new TextDecoder().decode(new Uint8Array(e.memory.buffer, e.result_ptr(), e.result_len()));
  if (rc !== 0) throw new Error(text);
  return text;
}

// Settles when the page's engine and index are open; queries sent before
// then wait for it.
let opened;
let failed;
const ready = new Promise((ok, fail) => {
  opened = ok;
  failed = fail;
});
ready.catch(() => {});

// Settles when the bodies are added: phrases wait for it.
let bodiesAdded;
const bodies = new Promise((ok) => (bodiesAdded = ok));

async function load(module, index) {
  engine = await WebAssembly.instantiate(module, {});
  call("open", new Uint8Array(index));
}

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    if (msg.type === "load") {
      await load(msg.engine, msg.index).then(opened, (err) => {
        failed(err);
        throw err;
      });
      self.postMessage({ type: "ready" });
    } else if (msg.type === "bodies") {
      await ready;
      call("bodies", new Uint8Array(msg.bytes));
      bodiesAdded();
      self.postMessage({ type: "bodies" });
    } else if (msg.type === "search") {
      await ready;
      if (msg.request.q.indexOf('"') >= 0) await bodies;
      const response = JSON.parse(call("search", new TextEncoder().encode(JSON.stringify(msg.request))));
      self.postMessage({ type: "results", id: msg.id, response });
    }
  } catch (err) {
    self.postMessage({ type: "error", id: msg.id, message: String(err && err.message ? err.message : err) });
  }
};
