// Copies the article-lsp binary for the build platform into server/, so the .vsix works
// without anything on PATH. Source: $ARTICLE_LSP_BIN, else ../../target/release/article-lsp.
// ARTICLE_LSP_PACKAGE_SERVER=0 packages no binary (the extension then needs PATH or the
// articleLsp.server.path setting).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const ext = path.resolve(here, "..");
const exe = process.platform === "win32" ? "article-lsp.exe" : "article-lsp";
const dest = path.join(ext, "server");

fs.rmSync(dest, { recursive: true, force: true });
if (process.env.ARTICLE_LSP_PACKAGE_SERVER === "0") {
  console.log("copy-server: ARTICLE_LSP_PACKAGE_SERVER=0, packaging without a server binary");
  process.exit(0);
}
const src = process.env.ARTICLE_LSP_BIN
  ? path.resolve(process.env.ARTICLE_LSP_BIN)
  : path.resolve(ext, "..", "..", "target", "release", exe);
if (!fs.existsSync(src)) {
  console.error(
    `copy-server: no server binary at ${src}.\n` +
      "Build it first (`cargo build --release` at the repository root), point ARTICLE_LSP_BIN at one,\n" +
      "or set ARTICLE_LSP_PACKAGE_SERVER=0 to package the extension without a binary.",
  );
  process.exit(1);
}
fs.mkdirSync(dest, { recursive: true });
fs.copyFileSync(src, path.join(dest, exe));
fs.chmodSync(path.join(dest, exe), 0o755);
console.log(`copy-server: ${src} -> server/${exe} (${process.platform}-${process.arch})`);
