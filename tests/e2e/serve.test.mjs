// `peerdir serve` as a new publisher meets it: `peerdir init my-dir`, then
// `peerdir serve` in it, a page open in Chromium, and a listing edited on
// disk. The open page follows the edit within 2 s; a broken edit keeps the
// last good site up with the error shown in the page; the fix reloads it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN, launch } from "./lib.mjs";

let browser, server, url, dir;

/** Starts `peerdir serve --port 0` in `cwd`; resolves with the address it prints. */
function startServe(cwd) {
  const child = spawn(BIN, ["serve", "--port", "0"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`peerdir serve printed no address:\n${output}`)), 30_000);
    const read = (chunk) => {
      output += chunk;
      const found = output.match(/serving (http:\/\/127\.0\.0\.1:\d+\/\S*)/);
      if (found) {
        clearTimeout(timer);
        ok({ child, url: found[1] });
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => fail(new Error(`peerdir serve ended (${code}):\n${output}`)));
  });
}

before(async () => {
  const work = mkdtempSync(join(tmpdir(), "peerdir-serve-"));
  const init = spawnSync(BIN, ["init", "my-dir"], { cwd: work, encoding: "utf8" });
  assert.equal(init.status, 0, init.stderr);
  dir = join(work, "my-dir");
  ({ child: server, url } = await startServe(dir));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

const listing = () => join(dir, "specialists", "sam-jansen.md");

function edit(change) {
  writeFileSync(listing(), change(readFileSync(listing(), "utf8")));
}

test("an edited listing shows in the open page within 2 s, errors show in the page, the fix reloads", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  context.on("request", (r) => requests.push(r.url()));
  await page.goto(url + "specialists/sam-jansen/");
  assert.equal(await page.textContent("h1"), "Sam Jansen (he/him)");

  const started = Date.now();
  edit((t) => t.replace(/^summary: .*$/m, "summary: Sam now also talks with people about gambling."));
  await page.waitForFunction(() => document.querySelector(".lead")?.textContent.includes("gambling"), null, { timeout: 2000 });
  const took = Date.now() - started;
  assert.ok(took < 2000, `updated after ${took} ms`);

  edit((t) => t.replace(/^topics: .*$/m, "topics: [addiction/alcohl]"));
  const panel = page.locator("#peerdir-serve-error");
  await panel.waitFor({ timeout: 2000 });
  assert.match(await panel.textContent(), /sam-jansen\.md:\d+:\d+: error: unknown topic/);
  assert.match(await page.textContent(".lead"), /gambling/, "the last good version stays");
  const other = await context.newPage();
  await other.goto(url);
  await other.locator("#peerdir-serve-error").waitFor({ timeout: 2000 });
  assert.equal(await other.getAttribute("#peerdir-serve-error", "role"), "alert", "a newly opened page shows the error too");

  edit((t) => t.replace("addiction/alcohl", "addiction/alcohol").replace(/^name: .*$/m, "name: Sam J."));
  await page.waitForFunction(() => document.querySelector("h1")?.textContent.startsWith("Sam J."), null, { timeout: 2000 });
  assert.equal(await page.locator("#peerdir-serve-error").count(), 0);
  assert.deepEqual(requests.filter((u) => !u.startsWith(new URL(url).origin + "/")), [], "only the local server");
  await context.close();
});

test("serve listens on 127.0.0.1 only and the built site never carries the reload script", () => {
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/directory\/$/);
  const out = join(dir, "..", "built");
  const run = spawnSync(BIN, ["build", "--out", out], { cwd: dir, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const home = readFileSync(join(out, "index.html"), "utf8");
  assert.ok(home.includes("</head>") && !home.includes("__peerdir"), "no reload script in build output");
});
