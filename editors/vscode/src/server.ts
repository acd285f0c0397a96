// Finding and probing the article-lsp binary. No VS Code UI here: the caller decides what a
// person sees, so the messages are written to be shown as they are.

import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export type ServerSource = "setting" | "PATH" | "extension";

export interface FoundServer {
  path: string;
  source: ServerSource;
}

export type Discovery =
  | { ok: true; server: FoundServer; version: string }
  | { ok: false; message: string };

const exe = process.platform === "win32" ? "article-lsp.exe" : "article-lsp";

/** Expands `~` and `${workspaceFolder}` in a configured path. */
export function expandPath(raw: string, workspaceFolder: string | undefined): string {
  let p = raw.trim();
  if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (workspaceFolder) {
    p = p.split("${workspaceFolder}").join(workspaceFolder);
  }
  if (!path.isAbsolute(p) && workspaceFolder) {
    p = path.join(workspaceFolder, p);
  }
  return p;
}

function isExecutableFile(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) {
      return false;
    }
    if (process.platform === "win32") {
      return true;
    }
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `which article-lsp`, without spawning a shell. */
export function findOnPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter((d) => d.length > 0);
  for (const dir of dirs) {
    const candidate = path.join(dir, exe);
    if (isExecutableFile(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

/** The binary shipped in the extension's `server/` folder, made executable if the
 * archive lost the mode bits. */
export function packagedServer(extensionPath: string): string | undefined {
  const candidate = path.join(extensionPath, "server", exe);
  if (!fs.existsSync(candidate)) {
    return undefined;
  }
  if (process.platform !== "win32" && !isExecutableFile(candidate)) {
    try {
      fs.chmodSync(candidate, 0o755);
    } catch {
      return undefined;
    }
  }
  return candidate;
}

export const INSTALL_HINT =
  'Install it (run "cargo install --path ." in the article-lsp repository), ' +
  "or set articleLsp.server.path to the binary.";

/** Setting, else PATH, else the packaged binary. */
export function locateServer(
  configured: string | null | undefined,
  extensionPath: string,
  workspaceFolder: string | undefined,
): { ok: true; server: FoundServer } | { ok: false; message: string } {
  if (configured && configured.trim() !== "") {
    const p = expandPath(configured, workspaceFolder);
    if (!fs.existsSync(p)) {
      return {
        ok: false,
        message: `Article LSP: articleLsp.server.path is set to "${p}", but there is no file there. Fix the setting, or clear it to use article-lsp from PATH.`,
      };
    }
    if (!isExecutableFile(p)) {
      return {
        ok: false,
        message: `Article LSP: "${p}" (from articleLsp.server.path) is not an executable file. Point the setting at the article-lsp binary.`,
      };
    }
    return { ok: true, server: { path: p, source: "setting" } };
  }
  const onPath = findOnPath();
  if (onPath) {
    return { ok: true, server: { path: onPath, source: "PATH" } };
  }
  const packaged = packagedServer(extensionPath);
  if (packaged) {
    return { ok: true, server: { path: packaged, source: "extension" } };
  }
  return {
    ok: false,
    message: `Article LSP: the article-lsp server was not found (not on PATH, no articleLsp.server.path setting, no binary packaged in the extension). ${INSTALL_HINT}`,
  };
}

/** Runs `article-lsp --version`; resolves to the version line or an explanation. */
export function probeVersion(
  bin: string,
  timeoutMs = 5000,
): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    try {
      execFile(bin, ["--version"], { timeout: timeoutMs, windowsHide: true }, (err, stdout, stderr) => {
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: unknown };
          let reason: string;
          if (e.killed) {
            reason = `it did not answer --version within ${timeoutMs / 1000} s`;
          } else if (typeof e.code === "string") {
            reason = `it could not be started (${e.code})`;
          } else {
            const detail = String(stderr || "").trim().split("\n")[0];
            reason = `--version exited with status ${String(e.code)}${detail ? `: ${detail}` : ""}`;
          }
          resolve({ ok: false, reason });
          return;
        }
        const line = String(stdout).trim().split("\n")[0] ?? "";
        if (!/article-lsp/i.test(line)) {
          resolve({ ok: false, reason: `--version printed "${line.slice(0, 80)}", not an article-lsp version` });
          return;
        }
        resolve({ ok: true, version: line });
      });
    } catch (e) {
      resolve({ ok: false, reason: `it could not be started (${(e as Error).message})` });
    }
  });
}

export async function discoverServer(
  configured: string | null | undefined,
  extensionPath: string,
  workspaceFolder: string | undefined,
): Promise<Discovery> {
  const located = locateServer(configured, extensionPath, workspaceFolder);
  if (!located.ok) {
    return located;
  }
  const probe = await probeVersion(located.server.path);
  if (!probe.ok) {
    return {
      ok: false,
      message: `Article LSP: the server at "${located.server.path}" (found via ${located.server.source}) is broken: ${probe.reason}. Rebuild or reinstall it, or set articleLsp.server.path to a working binary.`,
    };
  }
  return { ok: true, server: located.server, version: probe.version };
}
