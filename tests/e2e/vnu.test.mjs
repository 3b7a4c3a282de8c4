// Every page type of the test sites, in each interface language, passes
// the Nu HTML Checker (vnu-jar from npm, run with Java) with zero errors.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { SITES, build } from "./lib.mjs";

const vnu = createRequire(import.meta.url)("vnu-jar");

/**
 * The file of each page type of a built site (the 404 page is `404.html`
 * in the folder of the language, `lang`, when it is not at the root).
 */
function pageFiles(out, pages, lang) {
  const files = new Set();
  for (const [type, address] of Object.entries(pages)) {
    const notFound = lang ? join(lang, "404.html") : "404.html";
    const path = type === "not-found" ? notFound : join(address.split("?")[0], "index.html");
    const file = join(out, path);
    assert.ok(existsSync(file), `${type}: ${file} missing`);
    files.add(file);
  }
  return [...files];
}

for (const [name, site] of Object.entries(SITES)) {
  test(`${name}: every page type passes the Nu HTML Checker`, () => {
    const out = build(site.source);
    const files = pageFiles(out, site.pages, site.lang);
    assert.ok(files.length >= 18, `${files.length} pages`);
    const run = spawnSync("java", ["-jar", vnu, "--format", "json", "--also-check-svg", ...files], { encoding: "utf8" });
    assert.ok(run.status !== null, `java did not run (${run.error}); .ci/run installs it`);
    const messages = JSON.parse(run.stderr).messages;
    const errors = messages.filter((m) => m.type === "error" || m.subType === "fatal");
    const shown = errors.map((m) => `${m.url.replace("file:" + out, "")}:${m.lastLine}: ${m.message}`);
    assert.deepEqual(shown, []);
  });
}
