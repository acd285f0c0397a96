// Builds article-lsp-<version>.vsix with @vscode/vsce. When server/ holds a binary, the
// package is marked for the platform it was built on (e.g. linux-x64).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ext = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ext, "package.json"), "utf8"));
const hasServer = fs.existsSync(path.join(ext, "server"));
const targets = { linux: "linux", darwin: "darwin", win32: "win32" };
const args = ["package", "--skip-license", "--allow-missing-repository", "--out", `${pkg.name}-${pkg.version}.vsix`];
if (hasServer && targets[process.platform]) {
  args.push("--target", `${targets[process.platform]}-${process.arch}`);
}
const vsce = path.join(ext, "node_modules", "@vscode", "vsce", "vsce");
const r = spawnSync(process.execPath, [vsce, ...args], { cwd: ext, stdio: "inherit" });
process.exit(r.status ?? 1);
