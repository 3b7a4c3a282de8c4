// Time from the first keystroke to the first result in headless Chromium,
// and the bytes the browser downloaded (gzip on the wire) until then.
// Usage: node first-result.mjs peerdir|pagefind SITE_DIR QUERY
//   ->  {"first_result_ms": ms, "bytes": n, "requests": n}

import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const [kind, dir, query] = process.argv.slice(2);
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

// A static server that gzips what is not gzipped yet, as hosts do.
const server = createServer((req, res) => {
  let file = join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  if (!existsSync(file) || !resolve(file).startsWith(resolve(dir))) {
    res.writeHead(404).end();
    return;
  }
  let body = readFileSync(file);
  const headers = { "content-type": TYPES[extname(file)] || "application/octet-stream" };
  if (!(body[0] === 0x1f && body[1] === 0x8b)) {
    body = gzipSync(body);
    headers["content-encoding"] = "gzip";
  }
  res.writeHead(200, headers).end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const page = await (await browser.newContext()).newPage();
const responses = [];
page.on("requestfinished", (r) => responses.push(r));
const [path, field, result] =
  kind === "peerdir" ? ["/search/", "#q", "#results li"] : ["/", ".pagefind-ui__search-input", ".pagefind-ui__result"];
await page.goto(origin + path, { waitUntil: "load" });
await page.waitForTimeout(1000);
await page.focus(field);
const started = Date.now();
await page.keyboard.type(query);
await page.waitForSelector(result, { timeout: 120_000 });
const firstResultMs = Date.now() - started;
let bytes = 0;
for (const r of responses) bytes += (await r.sizes()).responseBodySize;
process.stdout.write(JSON.stringify({ first_result_ms: firstResultMs, bytes, requests: responses.length }));
await browser.close();
server.close();
