// A visitor's first search on a cheap phone with a weak signal: the search
// page opened cold, `QUERY` typed as soon as the field is there, and the
// time from navigation start to the first result, the bytes on the wire
// until then, and the same on a second visit with a warm HTTP cache.
//
// Usage: node phone.mjs peerdir|pagefind SITE_DIR QUERY [PATH]
//   ->  {"cold": {"ms", "bytes", "requests"}, "warm": {...}, "urls": [...]}
//
// The phone is Lighthouse's "Slow 4G" profile, applied to everything the
// page and its search worker do:
// - Caddy serves the site as a publisher's host would (see host.mjs).
// - The browser reaches Caddy through a proxy in this script that holds
//   each new connection for one round trip (its handshake), delays every
//   chunk by half a round trip each way and queues all connections'
//   chunks through one 1.6 Mbit/s downlink and one 750 kbit/s uplink:
//   150 ms round trip. Requests made by the search Web Worker pass through
//   it like the page's (DevTools-protocol throttling set on the page does
//   not reach a worker). TCP slow start and TLS are not modelled.
// - The CPU runs 4x slower: the browser's renderer processes (the page,
//   its worker and its compositor) are stopped for three quarters of every
//   20 ms (SIGSTOP / SIGCONT). DevTools' CPU throttling slows only the
//   page's main thread; the engine runs in a worker.

import { readdirSync, readFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { chromium } from "playwright-core";
import { caddy, freePort } from "./host.mjs";

export const PROFILE = { rttMs: 150, downKbps: 1600, upKbps: 750, cpuSlowdown: 4 };

const [kind, dir, query, path] = process.argv.slice(2);

// One direction of the phone's link: chunks leave one after the other at
// `kbps` and arrive half a round trip later.
function link(kbps) {
  let free = 0;
  return (bytes) => {
    const start = Math.max(Date.now(), free);
    free = start + (bytes * 8) / kbps;
    return free + PROFILE.rttMs / 2;
  };
}

// The throttling proxy in front of Caddy; `delivered` records each chunk
// the browser received, as [arrival time (ms since the epoch), bytes].
async function proxy(upstreamPort) {
  const down = link(PROFILE.downKbps);
  const up = link(PROFILE.upKbps);
  const delivered = [];
  const port = await freePort();
  const sockets = new Set();
  // Writes `chunk` to `to` at `at`, after the chunks queued before it.
  const later = (to, chunk, at, count) => {
    setTimeout(() => {
      if (count) delivered.push([Date.now(), chunk.length]);
      if (!to.destroyed) to.write(chunk);
    }, Math.max(0, at - Date.now()));
  };
  const server = createServer((client) => {
    sockets.add(client);
    const opened = Date.now() + PROFILE.rttMs;
    const server = createConnection(upstreamPort, "127.0.0.1");
    sockets.add(server);
    let lastUp = 0;
    let lastDown = 0;
    client.on("data", (chunk) => {
      lastUp = Math.max(opened, up(chunk.length), lastUp);
      later(server, chunk, lastUp, false);
    });
    server.on("data", (chunk) => {
      lastDown = Math.max(down(chunk.length), lastDown);
      later(client, chunk, lastDown, true);
    });
    const close = (other, at) => () => setTimeout(() => other.end(), Math.max(0, at() - Date.now()) + 1);
    client.on("end", close(server, () => lastUp));
    server.on("end", close(client, () => lastDown));
    client.on("error", () => server.destroy());
    server.on("error", () => client.destroy());
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  return {
    port,
    delivered,
    stop: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

// Renderer processes under the browser process `pid`.
function renderers(pid) {
  const children = new Map();
  for (const p of readdirSync("/proc")) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8");
      children.set(Number(p), { ppid, renderer: cmd.includes("--type=renderer") });
    } catch {
      // the process ended
    }
  }
  const out = [];
  const walk = (parent) => {
    for (const [p, c] of children) {
      if (c.ppid !== parent) continue;
      if (c.renderer) out.push(p);
      walk(p);
    }
  };
  walk(pid);
  return out;
}

// Runs the renderers a quarter of every 20 ms until `stop()`.
function slowCpu(browserPid) {
  const period = 20;
  const running = period / PROFILE.cpuSlowdown;
  let stopped = false;
  let pids = [];
  const signal = (sig) => {
    for (const p of pids) {
      try {
        process.kill(p, sig);
      } catch {
        // the process ended
      }
    }
  };
  let tick = 0;
  const cycle = () => {
    if (stopped) return;
    if (tick++ % 5 === 0) pids = renderers(browserPid);
    signal("SIGCONT");
    setTimeout(() => {
      if (stopped) return;
      signal("SIGSTOP");
      setTimeout(cycle, period - running);
    }, running);
  };
  cycle();
  return () => {
    stopped = true;
    signal("SIGCONT");
  };
}

// Records when the first result appears (ms since navigation start).
function watch(selector) {
  const seen = () => {
    if (window.__firstResult === undefined && document.querySelector(selector)) {
      window.__firstResult = performance.now();
      window.__firstResultAt = performance.timeOrigin + window.__firstResult;
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
}

const [page0, field, result] =
  kind === "peerdir" ? ["/search/", "#q", "#results li"] : ["/", ".pagefind-ui__search-input", ".pagefind-ui__result"];

const web = await freePort();
const host = await caddy(dir, web);
const net = await proxy(web);
const server = await chromium.launchServer({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const browser = await chromium.connect(server.wsEndpoint());
const context = await browser.newContext({ viewport: { width: 360, height: 720 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
await context.addInitScript(watch, result);
const urls = [];
context.on("request", (r) => urls.push(r.url()));
const fast = slowCpu(server.process().pid);

async function visit() {
  const from = net.delivered.length;
  const page = await context.newPage();
  const before = urls.length;
  await page.goto(`http://127.0.0.1:${net.port}${path || page0}`, { waitUntil: "commit" });
  await page.locator(field).pressSequentially(query);
  await page.waitForFunction(() => window.__firstResult !== undefined, null, { timeout: 300_000, polling: 50 });
  const [ms, at] = await page.evaluate(() => [window.__firstResult, window.__firstResultAt]);
  const bytes = net.delivered.slice(from).filter(([t]) => t <= at).reduce((n, [, b]) => n + b, 0);
  const requests = urls.length - before;
  await page.close();
  return { ms: Math.round(ms), bytes, requests };
}

try {
  const cold = await visit();
  const warm = await visit();
  process.stdout.write(JSON.stringify({ cold, warm, urls: [...new Set(urls.map((u) => new URL(u).pathname))] }));
} finally {
  fast();
  await browser.close();
  await server.close();
  net.stop();
  host.stop();
}
