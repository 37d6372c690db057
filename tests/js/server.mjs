// Starts the real chokepoint binary on a free loopback port for a test file, with an optional YAML config.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const binary = process.env.CHOKEPOINT_BIN ?? join(root, "build", "chokepoint");

export async function startServer(configYaml) {
  const args = ["--listen", "127.0.0.1:0", "--threads", "2"];
  if (configYaml) {
    const file = join(mkdtempSync(join(tmpdir(), "chokepoint-js-")), "config.yaml");
    writeFileSync(file, configYaml);
    args.push("--config", file);
  }
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "inherit"] });
  const firstLine = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    setTimeout(() => reject(new Error("server did not start")), 15000);
  });
  const endpoint = "http://" + firstLine.replace("listening on ", "").trim();
  return {
    endpoint,
    stop: () => new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGTERM");
    }),
  };
}

export function clientConfig(endpoint, extra = {}) {
  return {
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "123456789012", secretAccessKey: "secret" },
    ...extra,
  };
}
