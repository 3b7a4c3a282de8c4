// Lighthouse 12 (its default mobile configuration: a mid-range phone on
// simulated Slow 4G with a 4x slower CPU) on pages of a built site served
// by Caddy (host.mjs): the performance score, Largest Contentful Paint and
// the bytes the page downloads.
//
// Usage: node lighthouse.mjs SITE_DIR PATH...
//   ->  [{"path", "score", "lcp_ms", "bytes"}, ...]

import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { caddy, freePort } from "./host.mjs";

const [dir, ...paths] = process.argv.slice(2);
const port = await freePort();
const host = await caddy(dir, port);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
});
const out = [];
try {
  for (const path of paths) {
    const { lhr } = await lighthouse(`http://127.0.0.1:${port}${path}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
    });
    if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.message}`);
    out.push({
      path,
      score: Math.round(lhr.categories.performance.score * 100),
      lcp_ms: Math.round(lhr.audits["largest-contentful-paint"].numericValue),
      bytes: lhr.audits["total-byte-weight"].numericValue,
    });
  }
} finally {
  await chrome.kill();
  host.stop();
}
process.stdout.write(JSON.stringify(out));
