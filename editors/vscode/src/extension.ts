// Article LSP for VS Code: starts `article-lsp` over stdio for the articles of a workspace,
// forwards settings, and adds export / date / restart / log commands.

import * as path from "path";
import * as vscode from "vscode";
import {
  CloseAction,
  DidChangeConfigurationNotification,
  DocumentFilter,
  ErrorAction,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from "vscode-languageclient/node";
import { discoverServer } from "./server";
import { DEFAULT_GLOBS, SECTION, serverSettings, subSection } from "./settings";

const RESTART_WINDOW_MS = 3 * 60 * 1000;
const PROJECT_FILE = "article-lsp.toml";

/** Formats offered by the export quick pick; the server has the last word (an unknown
 * name comes back as an error that lists the known ones). */
const EXPORT_FORMATS: { label: string; description: string }[] = [
  { label: "jsonl", description: "article-lsp JSON lines, one document per line" },
  { label: "json", description: "article-lsp JSON document" },
  { label: "brat", description: "brat standoff (.ann beside a .txt)" },
  { label: "doccano", description: "doccano JSONL (UTF-16 offsets)" },
  { label: "label-studio", description: "Label Studio tasks JSON" },
  { label: "webanno", description: "INCEpTION / WebAnno TSV 3.3" },
  { label: "w3c", description: "W3C Web Annotation (JSON-LD)" },
  { label: "spacy", description: "spaCy JSONL (entities)" },
  { label: "conll", description: "CoNLL-2003 / IOB2 tokens" },
  { label: "csv", description: "CSV, one row per entity" },
  { label: "csv-excel", description: "CSV for Excel (BOM, CRLF)" },
];

/** A LanguageClient whose own pop-ups are routed through us, so a person sees one clear
 * notification instead of a stack trace (everything still goes to the log). */
class ArticleClient extends LanguageClient {
  constructor(
    id: string,
    name: string,
    server: ServerOptions,
    options: LanguageClientOptions,
    private readonly onFailure: (message: string) => void,
  ) {
    super(id, name, server, options);
  }

  override error(message: string, data?: unknown, showNotification: boolean | "force" = true): void {
    super.error(message, data, false);
    if (showNotification === "force") {
      this.onFailure(message);
    }
  }
}

class Controller implements vscode.Disposable {
  readonly output: vscode.OutputChannel;
  private client: ArticleClient | undefined;
  private starting: Promise<ArticleClient | undefined> | undefined;
  private projectRoots: string[] = [];
  private selector: DocumentFilter[] = [];
  private restarts: number[] = [];
  private shownMessages = new Set<string>();
  private readonly status: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private serverLabel = "";

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel("Article LSP");
    this.status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 10);
    this.status.command = "article-lsp.showLog";
    this.setStatus("idle");
  }

  log(line: string): void {
    this.output.appendLine(`[${new Date().toISOString()}] ${line}`);
  }

  private setStatus(state: "idle" | "starting" | "running" | "stopped" | "failed"): void {
    const icon = {
      idle: "$(symbol-text)",
      starting: "$(sync~spin)",
      running: "$(symbol-text)",
      stopped: "$(debug-stop)",
      failed: "$(error)",
    }[state];
    this.status.text = `${icon} Article LSP`;
    this.status.tooltip = `Article LSP: ${state}${this.serverLabel ? `\n${this.serverLabel}` : ""}\nClick to show the server log.`;
    if (state === "idle") {
      this.status.hide();
    } else {
      this.status.show();
    }
  }

  private lastCrashNotice = 0;
  private pendingFailure: ReturnType<typeof setTimeout> | undefined;

  /** Failures reported by the language client while it starts: shown after a short pause,
   * and only when no crash/restart message covers them, so a person sees one message. */
  clientFailure(message: string): void {
    this.log(message);
    if (this.pendingFailure) {
      return;
    }
    this.pendingFailure = setTimeout(() => {
      this.pendingFailure = undefined;
      if (Date.now() - this.lastCrashNotice > 3000) {
        this.notifyFailure(message);
      }
    }, 1500);
  }

  /** One notification per distinct problem per session (reset by Restart Server). */
  notifyFailure(message: string): void {
    this.log(message);
    if (this.shownMessages.has(message)) {
      return;
    }
    this.shownMessages.add(message);
    void vscode.window.showErrorMessage(message, "Open Settings", "Show Log").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "articleLsp.server");
      } else if (choice === "Show Log") {
        this.output.show(true);
      }
    });
  }

  async findProjectRoots(): Promise<string[]> {
    if (!vscode.workspace.workspaceFolders?.length) {
      return [];
    }
    const files = await vscode.workspace.findFiles(
      `**/${PROJECT_FILE}`,
      "**/{node_modules,target,.git}/**",
      200,
    );
    return [...new Set(files.filter((f) => f.scheme === "file").map((f) => path.dirname(f.fsPath)))].sort();
  }

  computeSelector(): DocumentFilter[] {
    const c = vscode.workspace.getConfiguration(SECTION);
    const globs = serverSettings().articleGlobs;
    const everywhere = c.get<boolean>("enableEverywhere", false);
    const sel: DocumentFilter[] = [{ language: "article" }];
    const langs = ["plaintext", "markdown"];
    if (everywhere) {
      for (const language of langs) {
        for (const pattern of globs) {
          sel.push({ language, pattern });
        }
        sel.push({ language, scheme: "untitled" });
      }
    } else {
      for (const root of this.projectRoots) {
        const base = root.split(path.sep).join("/");
        for (const language of langs) {
          for (const glob of globs.length ? globs : DEFAULT_GLOBS) {
            const rel = glob.replace(/^\.?\//, "");
            sel.push({ language, scheme: "file", pattern: `${base}/${rel}` });
          }
        }
      }
    }
    return sel;
  }

  matches(doc: vscode.TextDocument): boolean {
    return vscode.languages.match(this.selector, doc) > 0;
  }

  /** Recomputes what counts as an article; restarts a running client if that changed. */
  async refreshSelector(initial = false): Promise<void> {
    this.projectRoots = await this.findProjectRoots();
    const next = this.computeSelector();
    const changed = JSON.stringify(next) !== JSON.stringify(this.selector);
    this.selector = next;
    if (initial || changed) {
      this.log(
        `Articles: ${this.projectRoots.length ? `folders with ${PROJECT_FILE}: ${this.projectRoots.join(", ")}` : `no ${PROJECT_FILE} found`}; enableEverywhere=${String(vscode.workspace.getConfiguration(SECTION).get("enableEverywhere", false))}`,
      );
    }
    if (changed && this.client && !initial) {
      this.log("The set of article files changed; restarting the server.");
      await this.restart(false);
      return;
    }
    this.startIfNeeded();
  }

  /** Starts the client as soon as an open document is an article. Never awaited by the
   * editor: nothing waits on the server. */
  startIfNeeded(): void {
    if (this.client || this.starting) {
      return;
    }
    if (vscode.workspace.textDocuments.some((d) => this.matches(d))) {
      void this.ensureClient();
    }
  }

  ensureClient(): Promise<ArticleClient | undefined> {
    if (this.client && this.client.state === State.Running) {
      return Promise.resolve(this.client);
    }
    if (!this.starting) {
      this.starting = this.start().finally(() => {
        this.starting = undefined;
      });
    }
    return this.starting;
  }

  private async start(): Promise<ArticleClient | undefined> {
    if (this.client) {
      const old = this.client;
      this.client = undefined;
      try {
        await old.stop(2000);
      } catch {
        // It was not running.
      }
      void old.dispose?.();
    }
    this.setStatus("starting");
    const cfg = vscode.workspace.getConfiguration(SECTION);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const found = await discoverServer(cfg.get<string | null>("server.path"), this.context.extensionPath, folder);
    if (!found.ok) {
      this.setStatus("failed");
      this.notifyFailure(found.message);
      return undefined;
    }
    this.serverLabel = `${found.version} (${found.server.path}, via ${found.server.source})`;
    this.log(`Starting ${this.serverLabel}`);

    const extraEnv = cfg.get<Record<string, string>>("server.extraEnv") ?? {};
    const serverOptions: ServerOptions = {
      command: found.server.path,
      // No `transport`: with TransportKind.stdio the client would append `--stdio`.
      args: ["serve"],
      options: { env: { ...process.env, ...extraEnv } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: this.selector,
      initializationOptions: serverSettings(),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      progressOnInitialization: false,
      initializationFailedHandler: (err) => {
        this.clientFailure(
          `Article LSP: the server failed to start (${shortError(err)}). See "Article LSP: Show Server Log".`,
        );
        return false;
      },
      errorHandler: {
        error: (_err, _msg, count) =>
          (count ?? 0) <= 3 ? { action: ErrorAction.Continue, handled: true } : { action: ErrorAction.Shutdown },
        closed: () => this.onServerClosed(),
      },
      middleware: {
        // One diagnostics channel: when the server offers pull diagnostics (which this
        // client uses), pushed copies of the same entities are dropped, so each entity
        // shows once. A push-only server is unaffected.
        handleDiagnostics: (uri, diagnostics, next) => {
          if (this.client?.initializeResult?.capabilities.diagnosticProvider) {
            return;
          }
          next(uri, diagnostics);
        },
        workspace: {
          configuration: async (params, token, next) => {
            const settings = serverSettings();
            const fromVscode = await next(params, token);
            const base: unknown[] = Array.isArray(fromVscode) ? (fromVscode as unknown[]) : params.items.map(() => null);
            return params.items.map((item, i): unknown =>
              item.section && (item.section === SECTION || item.section.startsWith(`${SECTION}.`))
                ? subSection(settings, item.section)
                : base[i],
            );
          },
        },
      },
    };
    const client = new ArticleClient("articleLsp", "Article LSP", serverOptions, clientOptions, (m) =>
      this.clientFailure(
        `Article LSP: ${m.replace(/^Article LSP client: /, "")} The server may have exited; see "Article LSP: Show Server Log".`,
      ),
    );
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        this.setStatus("running");
      } else if (e.newState === State.Starting) {
        this.setStatus("starting");
      } else if (e.newState === State.Stopped && this.client === client) {
        this.setStatus("stopped");
      }
    });
    this.client = client;
    try {
      await client.start();
      this.log("Server running.");
      return client;
    } catch (err) {
      this.log(`Start failed: ${shortError(err)}`);
      this.setStatus("failed");
      return undefined;
    }
  }

  /** Bounded restarts: at most `articleLsp.maxRestarts` within three minutes, each one said. */
  private onServerClosed(): { action: CloseAction; message?: string; handled?: boolean } {
    const max = vscode.workspace.getConfiguration(SECTION).get<number>("maxRestarts", 3);
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    this.lastCrashNotice = now;
    if (this.restarts.length < max) {
      this.restarts.push(now);
      const msg = `Article LSP: the server stopped unexpectedly; restarting it (${this.restarts.length} of ${max}).`;
      this.log(msg);
      // The first restart pops up; the next ones show in the status bar and the log.
      if (this.restarts.length === 1) {
        void vscode.window.showWarningMessage(msg, "Show Log").then((c) => c && this.output.show(true));
      }
      this.status.text = `$(sync~spin) Article LSP (restart ${this.restarts.length}/${max})`;
      return { action: CloseAction.Restart, message: msg, handled: true };
    }
    const msg = `Article LSP: the server stopped ${max + 1} times within 3 minutes and will not be restarted. Fix the cause (see the log), then run "Article LSP: Restart Server".`;
    this.setStatus("failed");
    this.log(msg);
    void vscode.window.showErrorMessage(msg, "Show Log", "Restart Server").then((choice) => {
      if (choice === "Show Log") {
        this.output.show(true);
      } else if (choice === "Restart Server") {
        void this.restart(true);
      }
    });
    return { action: CloseAction.DoNotRestart, message: msg, handled: true };
  }

  async restart(byUser: boolean): Promise<void> {
    if (byUser) {
      this.restarts = [];
      this.shownMessages.clear();
    }
    const old = this.client;
    this.client = undefined;
    if (old) {
      try {
        await old.stop(2000);
      } catch {
        // Already stopped.
      }
    }
    const client = await this.ensureClient();
    if (client && byUser) {
      void vscode.window.showInformationMessage(`Article LSP: server restarted (${this.serverLabel}).`);
    }
  }

  sendConfiguration(): void {
    const client = this.client;
    if (client && client.state === State.Running) {
      void client
        .sendNotification(DidChangeConfigurationNotification.type, { settings: { [SECTION]: serverSettings() } })
        .catch((e: unknown) => this.log(`didChangeConfiguration failed: ${shortError(e)}`));
    }
  }

  async executeServerCommand(command: string, arg: Record<string, unknown>): Promise<unknown> {
    const client = await this.ensureClient();
    if (!client) {
      throw new Error("the server is not running");
    }
    return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [arg] });
  }

  async dispose(): Promise<void> {
    for (const d of this.disposables) {
      d.dispose();
    }
    this.status.dispose();
    const c = this.client;
    this.client = undefined;
    if (c) {
      await c.stop(2000).catch(() => undefined);
    }
  }
}

function shortError(err: unknown): string {
  if (err instanceof Error) {
    return err.message.split("\n")[0];
  }
  if (err && typeof err === "object" && "message" in err) {
    return String((err).message).split("\n")[0];
  }
  return String(err);
}

async function pickFormat(title: string): Promise<string | undefined> {
  const preferred = serverSettings().export.format;
  const items: (vscode.QuickPickItem & { format?: string })[] = EXPORT_FORMATS.map((f) => ({
    label: f.label,
    description: f.label === preferred ? `${f.description} (default)` : f.description,
    format: f.label,
  }));
  items.sort((a, b) => (a.label === preferred ? -1 : b.label === preferred ? 1 : 0));
  items.push({ label: "Other format…", description: "type a format name" });
  const choice = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: "Export format",
    matchOnDescription: true,
  });
  if (!choice) {
    return undefined;
  }
  if (choice.format) {
    return choice.format;
  }
  const typed = await vscode.window.showInputBox({ title, prompt: "Export format name", value: preferred });
  return typed?.trim() || undefined;
}

function exportedPaths(result: unknown): string[] {
  if (result && typeof result === "object" && Array.isArray((result as { paths?: unknown }).paths)) {
    return (result as { paths: unknown[] }).paths.filter((p): p is string => typeof p === "string");
  }
  return [];
}

async function reportExport(result: unknown): Promise<void> {
  const paths = exportedPaths(result);
  if (paths.length === 0) {
    void vscode.window.showWarningMessage("Article LSP: the export wrote no file.");
    return;
  }
  const what = paths.length === 1 ? paths[0] : `${paths.length} files (first: ${paths[0]})`;
  const choice = await vscode.window.showInformationMessage(`Article LSP: exported to ${what}`, "Open");
  if (choice === "Open") {
    await vscode.window.showTextDocument(vscode.Uri.file(paths[0]));
  }
}

let controller: Controller | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const ctl = new Controller(context);
  controller = ctl;
  context.subscriptions.push(ctl.output, { dispose: () => void ctl.dispose() });

  const activeArticle = (): vscode.TextDocument | undefined => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showInformationMessage("Article LSP: open an article first.");
      return undefined;
    }
    if (!ctl.matches(doc)) {
      void vscode.window.showInformationMessage(
        `Article LSP: ${path.basename(doc.fileName)} is not an article here (add an article-lsp.toml to its folder, or turn on "articleLsp.enableEverywhere").`,
      );
      return undefined;
    }
    return doc;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand("article-lsp.exportArticle", async (formatArg?: unknown) => {
      const doc = activeArticle();
      if (!doc) {
        return undefined;
      }
      const format = typeof formatArg === "string" ? formatArg : await pickFormat("Export this article");
      if (!format) {
        return undefined;
      }
      try {
        const result = await ctl.executeServerCommand("articleLsp.export", { uri: doc.uri.toString(), format });
        void reportExport(result);
        return result;
      } catch (e) {
        void vscode.window.showErrorMessage(`Article LSP: export failed: ${shortError(e)}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand("article-lsp.exportWorkspace", async (formatArg?: unknown) => {
      const format = typeof formatArg === "string" ? formatArg : await pickFormat("Export every article of the workspace");
      if (!format) {
        return undefined;
      }
      try {
        const result = await ctl.executeServerCommand("articleLsp.export", { uri: "workspace", format });
        void reportExport(result);
        return result;
      } catch (e) {
        void vscode.window.showErrorMessage(`Article LSP: export failed: ${shortError(e)}`);
        return undefined;
      }
    }),
    vscode.commands.registerCommand("article-lsp.setDate", async () => {
      const doc = activeArticle();
      if (!doc) {
        return;
      }
      const typed = await vscode.window.showInputBox({
        title: "Set the article's date",
        prompt: "The date the article was published (YYYY-MM-DD, YYYY-MM or YYYY); empty = infer it from the text",
        placeHolder: "2018-01-17",
        validateInput: (v) =>
          v.trim() === "" || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v.trim()) ? undefined : "Use YYYY-MM-DD, YYYY-MM or YYYY",
      });
      if (typed === undefined) {
        return;
      }
      const dct = typed.trim() === "" ? null : typed.trim();
      try {
        await ctl.executeServerCommand("articleLsp.setDate", { uri: doc.uri.toString(), dct });
        void vscode.window.showInformationMessage(
          dct ? `Article LSP: article date set to ${dct}.` : "Article LSP: the article date is inferred again.",
        );
      } catch (e) {
        void vscode.window.showErrorMessage(`Article LSP: could not set the date: ${shortError(e)}`);
      }
    }),
    vscode.commands.registerCommand("article-lsp.restartServer", () => ctl.restart(true)),
    vscode.commands.registerCommand("article-lsp.showLog", () => ctl.output.show(true)),
    vscode.workspace.onDidOpenTextDocument(() => ctl.startIfNeeded()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.server`)) {
        ctl.log("Server settings changed; restarting the server.");
        void ctl.restart(true);
        return;
      }
      if (e.affectsConfiguration(`${SECTION}.enableEverywhere`) || e.affectsConfiguration(`${SECTION}.articleGlobs`)) {
        void ctl.refreshSelector();
      }
      if (e.affectsConfiguration(SECTION)) {
        ctl.sendConfiguration();
      }
    }),
  );
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${PROJECT_FILE}`, false, true, false);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(() => void ctl.refreshSelector()),
    watcher.onDidDelete(() => void ctl.refreshSelector()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void ctl.refreshSelector()),
  );
  // Not awaited: activation returns at once; the server starts in the background.
  void ctl.refreshSelector(true);
}

export async function deactivate(): Promise<void> {
  const c = controller;
  controller = undefined;
  if (c) {
    await c.dispose();
  }
}
