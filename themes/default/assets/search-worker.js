// The search worker: downloads the engine (WebAssembly) and the whole index
// once, then answers every query on this device. Nothing about a query
// ever leaves it.
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

// Compiles the engine while it downloads; hosts that do not send
// `application/wasm` get the slower way.
async function instantiate(url) {
  if (WebAssembly.instantiateStreaming) {
    try {
      return (await WebAssembly.instantiateStreaming(fetch(url), {})).instance;
    } catch (_) {
      // fall through
    }
  }
  const bytes = await fetch(url).then((r) => r.arrayBuffer());
  return (await WebAssembly.instantiate(bytes, {})).instance;
}

async function load(engineUrl, indexUrl) {
  const [instance, index] = await Promise.all([instantiate(engineUrl), fetch(indexUrl).then((r) => r.arrayBuffer())]);
  engine = instance;
  call("open", new Uint8Array(index));
}

let ready = null;

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    if (msg.type === "load") {
      ready = ready || load(msg.engine, msg.index);
      await ready;
      self.postMessage({ type: "ready" });
    } else if (msg.type === "search") {
      await ready;
      const response = JSON.parse(call("search", new TextEncoder().encode(JSON.stringify(msg.request))));
      self.postMessage({ type: "results", id: msg.id, response });
    }
  } catch (err) {
    self.postMessage({ type: "error", id: msg.id, message: String(err && err.message ? err.message : err) });
  }
};
