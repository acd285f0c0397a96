// Neovim screenshots for the README: the real Neovim runs in a real terminal (tmux), with
// the plugin from the work tree and the real server, on a seed article; the terminal's
// cells (with colors) are captured, drawn as HTML and photographed by the system Chromium.
// Also asserts what the picture must show: diagnostics on the entities and the hover of a
// money entity with its normalized amount.
//
// Environment: ARTICLE_LSP_REPO, ARTICLE_LSP_BIN, ARTICLE_E2E_WS, ARTICLE_E2E_OUT, NVIM.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

const REPO = process.env.ARTICLE_LSP_REPO;
const WS = process.env.ARTICLE_E2E_WS;
const OUT = process.env.ARTICLE_E2E_OUT;
const NVIM = process.env.NVIM;
const BIN = process.env.ARTICLE_LSP_BIN;
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const FILE = path.join(WS, "news", "en-energy.txt");
const COLS = 110;
const ROWS = 30;
const SOCK = path.join(WS, "nvim-shot.sock");
const TMUX_CONF = path.join(WS, "tmux.conf");
fs.writeFileSync(TMUX_CONF, 'set -g default-terminal "tmux-256color"\nset -g status off\nset -sg escape-time 0\n');
const TMUX = ["-L", `article-lsp-shot-${process.pid}`, "-f", TMUX_CONF];

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
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let tmuxEnv = process.env;
const tmux = (...args) => execFileSync("tmux", [...TMUX, ...args], { encoding: "utf8", env: tmuxEnv });
function nvimExpr(expr) {
  const r = spawnSync(NVIM, ["--server", SOCK, "--remote-expr", expr], { encoding: "utf8", timeout: 10000 });
  return (r.stdout ?? "").trim();
}
const nvimSend = (keys) => spawnSync(NVIM, ["--server", SOCK, "--remote-send", keys], { timeout: 10000 });
async function until(fn, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v || Date.now() > end) {
      return v;
    }
    await sleep(250);
  }
}

// --- ANSI (tmux capture-pane -e) to HTML ---------------------------------------------
const BASE16 = [
  "#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
  "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
];
function color256(n) {
  if (n < 16) {
    return BASE16[n];
  }
  if (n < 232) {
    const i = n - 16;
    const v = (x) => (x === 0 ? 0 : 55 + x * 40);
    return `rgb(${v(Math.floor(i / 36))},${v(Math.floor(i / 6) % 6)},${v(i % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}
const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
function ansiToHtml(ansi, fg0, bg0) {
  let st = { fg: null, bg: null, bold: false, italic: false, under: false, rev: false };
  const lines = ansi.replace(/\n$/, "").split("\n");
  const out = [];
  for (const line of lines) {
    let html = "";
    const re = /\x1b\[([0-9;:]*)m/g;
    let last = 0;
    let m;
    const flush = (text) => {
      if (!text) {
        return;
      }
      let fg = st.fg ?? fg0;
      let bg = st.bg ?? bg0;
      if (st.rev) {
        [fg, bg] = [bg, fg];
      }
      const css = [`color:${fg}`, `background:${bg}`];
      if (st.bold) {
        css.push("font-weight:bold");
      }
      if (st.italic) {
        css.push("font-style:italic");
      }
      if (st.under) {
        css.push("text-decoration:underline");
      }
      html += `<span style="${css.join(";")}">${esc(text)}</span>`;
    };
    while ((m = re.exec(line))) {
      flush(line.slice(last, m.index));
      last = re.lastIndex;
      const ps = m[1] === "" ? [0] : m[1].split(";").map((p) => p);
      for (let i = 0; i < ps.length; i++) {
        const raw = ps[i];
        const p = Number(raw.split(":")[0]);
        if (p === 0) {
          st = { fg: null, bg: null, bold: false, italic: false, under: false, rev: false };
        } else if (p === 1) {
          st.bold = true;
        } else if (p === 3) {
          st.italic = true;
        } else if (p === 4) {
          st.under = raw !== "4:0";
        } else if (p === 7) {
          st.rev = true;
        } else if (p === 22) {
          st.bold = false;
        } else if (p === 23) {
          st.italic = false;
        } else if (p === 24) {
          st.under = false;
        } else if (p === 27) {
          st.rev = false;
        } else if (p >= 30 && p <= 37) {
          st.fg = BASE16[p - 30];
        } else if (p >= 90 && p <= 97) {
          st.fg = BASE16[p - 90 + 8];
        } else if (p >= 40 && p <= 47) {
          st.bg = BASE16[p - 40];
        } else if (p >= 100 && p <= 107) {
          st.bg = BASE16[p - 100 + 8];
        } else if (p === 39) {
          st.fg = null;
        } else if (p === 49) {
          st.bg = null;
        } else if (p === 38 || p === 48 || p === 58) {
          let col = null;
          if (ps[i + 1] === "5") {
            col = color256(Number(ps[i + 2]));
            i += 2;
          } else if (ps[i + 1] === "2") {
            col = `rgb(${ps[i + 2]},${ps[i + 3]},${ps[i + 4]})`;
            i += 4;
          }
          if (p === 38) {
            st.fg = col;
          } else if (p === 48) {
            st.bg = col;
          }
        }
      }
    }
    flush(line.slice(last));
    out.push(`<div class="l">${html || "&nbsp;"}</div>`);
  }
  return out.join("\n");
}

async function shoot(browser, ansi, file) {
  const fg0 = "#e0e2ea";
  const bg0 = "#14161b";
  const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
  await page.setContent(`<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; background: ${bg0}; }
    .t { padding: 10px; font: 15px/1.3 "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace; white-space: pre; color: ${fg0}; background: ${bg0}; display: inline-block; }
    .l { height: 1.3em; }
    .l span { display: inline-block; height: 1.3em; vertical-align: top; }
  </style><div class="t">${ansiToHtml(ansi, fg0, bg0)}</div>`);
  const box = await page.locator(".t").boundingBox();
  await page.screenshot({ path: file, clip: box ?? undefined });
  await page.close();
}

const expected = JSON.parse(fs.readFileSync(path.join(WS, "en-energy.expected.json"), "utf8"));
const doc = Array.isArray(expected) ? expected[0] : expected;
const text = fs.readFileSync(FILE, "utf8");
const env = {
  ...process.env,
  ARTICLE_LSP_REPO: REPO,
  ARTICLE_LSP_BIN: BIN,
  ARTICLE_LSP_TEST_UI: "1",
  COLORTERM: "truecolor",
  XDG_STATE_HOME: path.join(WS, "shot-state"),
  XDG_CONFIG_HOME: path.join(WS, "shot-config"),
  XDG_DATA_HOME: path.join(WS, "shot-data"),
};
const nvimCmd = [
  NVIM,
  "--clean",
  "--listen",
  SOCK,
  "-u",
  path.join(REPO, "tests/editors/nvim/minimal_init.lua"),
  "--cmd",
  "set termguicolors",
  "-c",
  "lua vim.diagnostic.config({ virtual_text = { prefix = '●' }, underline = true, signs = true }); vim.o.wrap = true; vim.o.linebreak = true; vim.o.number = true; if vim.fn.exists('+winborder') == 1 then vim.o.winborder = 'rounded' end",
  FILE,
];
let browser;
try {
  fs.rmSync(SOCK, { force: true });
  tmuxEnv = env;
  tmux("-2", "new-session", "-d", "-x", String(COLS), "-y", String(ROWS), "-s", "shot", "-e", `COLORTERM=truecolor`, ...nvimCmd.map((a) => a));
  const diagCount = () => Number(nvimExpr("luaeval('#vim.diagnostic.get(0)')") || "0");
  const n = await until(() => diagCount() >= doc.entities.length && diagCount(), 30000);
  check(`Neovim (in tmux) shows ${doc.entities.length} diagnostics`, n === doc.entities.length, `got ${n}`);
  await sleep(800);
  const browserCtx = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  browser = browserCtx;
  const money = doc.entities.find((e) => e.kind === "money" && e.value && typeof e.value.amount === "number");
  const before = Array.from(text).slice(0, money.start + 1).join("");
  const lines = before.split("\n");
  const line = lines.length;
  const byteCol = Buffer.byteLength(lines[lines.length - 1], "utf8");
  nvimSend(`<Esc>:call cursor(${line}, ${byteCol})<CR>`);
  await sleep(400);
  const diagScreen = tmux("capture-pane", "-p", "-e", "-t", "shot");
  await shoot(browser, diagScreen, path.join(OUT, "nvim-diagnostics.png"));
  check("the diagnostics screenshot was written", fs.existsSync(path.join(OUT, "nvim-diagnostics.png")));
  const amount = String(money.value.amount);
  const occurrences = (screen) => screen.replace(/,/g, "").split(amount).length - 1;
  const amountsBefore = occurrences(tmux("capture-pane", "-p", "-t", "shot"));
  nvimSend("<Cmd>lua vim.lsp.buf.hover()<CR>");
  // The float adds the amount to what the screen showed (virtual text may show it already).
  const shown = await until(() => {
    const plain = tmux("capture-pane", "-p", "-t", "shot");
    return occurrences(plain) > amountsBefore ? plain : "";
  }, 10000);
  if (!shown) {
    console.log(`  cursor: ${nvimExpr("getpos('.')")}, mode ${nvimExpr("mode()")}, hover windows: ${nvimExpr("luaeval('#vim.tbl_filter(function(w) return vim.api.nvim_win_get_config(w).relative ~= \"\" end, vim.api.nvim_list_wins())')")}`);
  }
  check(`the hover float shows the amount ${amount} of "${money.text}"`, !!shown, tmux("capture-pane", "-p", "-t", "shot"));
  await sleep(300);
  await shoot(browser, tmux("capture-pane", "-p", "-e", "-t", "shot"), path.join(OUT, "nvim-hover.png"));
  check("the hover screenshot was written", fs.existsSync(path.join(OUT, "nvim-hover.png")));
} catch (e) {
  check("no exception", false, e && e.stack ? e.stack : String(e));
} finally {
  if (browser) {
    await browser.close().catch(() => undefined);
  }
  try {
    tmux("kill-server");
  } catch {
    // already gone
  }
}
console.log(`nvim screenshot: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
