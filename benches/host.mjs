// The host of the benchmark's sites: Caddy (Debian's package) serving a
// folder with `file_server` and `precompressed br gzip`, so the brotli and
// gzip copies a build writes are sent as they are, and `encode gzip` for
// files without one, as publishers' hosts do; every file may be cached for
// ten minutes, as GitHub Pages allows.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A free TCP port on 127.0.0.1.
export async function freePort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, "127.0.0.1", ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

async function waitForPort(port) {
  for (let i = 0; i < 200; i++) {
    const up = await new Promise((ok) => {
      const c = createConnection(port, "127.0.0.1", () => ok(c.end() && true)).on("error", () => ok(false));
    });
    if (up) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`nothing listens on port ${port}`);
}

// Caddy serving `root` on `port`, with the precompressed copies.
export async function caddy(root, port) {
  const conf = mkdtempSync(join(tmpdir(), "peerdir-phone-"));
  writeFileSync(
    join(conf, "Caddyfile"),
    `{\n\tadmin off\n\tauto_https off\n}\nhttp://127.0.0.1:${port} {\n\troot * ${root}\n\theader Cache-Control "max-age=600"\n\tencode gzip\n\tfile_server {\n\t\tprecompressed br gzip\n\t}\n}\n`,
  );
  const child = spawn("caddy", ["run", "--adapter", "caddyfile", "--config", join(conf, "Caddyfile")], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, XDG_DATA_HOME: conf, XDG_CONFIG_HOME: conf },
  });
  let log = "";
  child.stderr.on("data", (d) => (log += d));
  child.on("exit", (code) => code && process.stderr.write(log));
  await waitForPort(port);
  return { stop: () => (child.kill(), rmSync(conf, { recursive: true, force: true })) };
}

