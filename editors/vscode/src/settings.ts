// The server's configuration section, built from VS Code settings in the exact shape of the
// team's contract (TEAM.md): sent as initializationOptions, in didChangeConfiguration and
// in answers to workspace/configuration.

import * as vscode from "vscode";

export const SECTION = "articleLsp";

export type Severity = "error" | "warning" | "information" | "hint" | "off";

export interface ServerSettings {
  kinds: { company: Severity; money: Severity; percent: Severity; date: Severity };
  debounceMs: number;
  inlayHints: boolean;
  articleDate: string | null;
  export: { directory: string | null; format: string };
  articleGlobs: string[];
  sidecar: { directory: string | null };
}

export const DEFAULT_GLOBS = ["**/*.txt", "**/*.md", "**/*.article"];

const SEVERITIES: readonly string[] = ["error", "warning", "information", "hint", "off"];

function severity(v: unknown): Severity {
  return typeof v === "string" && SEVERITIES.includes(v) ? (v as Severity) : "information";
}

function nullableString(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

export function serverSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const kinds = (c.get<Record<string, unknown>>("kinds") ?? {});
  const globs = c.get<unknown>("articleGlobs");
  const debounce = c.get<unknown>("debounceMs");
  return {
    kinds: {
      company: severity(kinds.company),
      money: severity(kinds.money),
      percent: severity(kinds.percent),
      date: severity(kinds.date),
    },
    debounceMs: typeof debounce === "number" && debounce >= 0 ? Math.round(debounce) : 150,
    inlayHints: c.get<boolean>("inlayHints", true) !== false,
    articleDate: nullableString(c.get("articleDate")),
    export: {
      directory: nullableString(c.get("export.directory")),
      format: nullableString(c.get("export.format")) ?? "jsonl",
    },
    articleGlobs:
      Array.isArray(globs) && globs.every((g) => typeof g === "string") && globs.length > 0
        ? (globs)
        : DEFAULT_GLOBS,
    sidecar: { directory: nullableString(c.get("sidecar.directory")) },
  };
}

/** Picks a dotted sub-section (e.g. "articleLsp.export") out of the settings object. */
export function subSection(settings: ServerSettings, section: string): unknown {
  if (section === SECTION) {
    return settings;
  }
  const rest = section.slice(SECTION.length + 1).split(".");
  let cur: unknown = settings;
  for (const key of rest) {
    if (cur === null || typeof cur !== "object") {
      return null;
    }
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur ?? null;
}
