-- :checkhealth article_lsp
local M = {}

local health = vim.health or require("health")
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local error_ = health.error or health.report_error
local info = health.info or health.report_info

function M.check()
  local lsp = require("article_lsp")
  start("article-lsp: Neovim")
  local v = vim.version()
  local vs = ("%d.%d.%d"):format(v.major, v.minor, v.patch)
  if vim.fn.has("nvim-0.11") == 1 then
    ok(("Neovim %s: uses vim.lsp.config / vim.lsp.enable"):format(vs))
  elseif vim.fn.has("nvim-0.8") == 1 then
    ok(("Neovim %s: uses vim.lsp.start"):format(vs))
  else
    error_(("Neovim %s is too old: 0.8 or newer is needed"):format(vs))
  end

  start("article-lsp: server binary")
  local opts = lsp.options()
  if not opts then
    warn("require('article_lsp').setup() has not been called; checking with the defaults")
  end
  local bin, msg = lsp.find_server(opts)
  if not bin then
    error_(msg)
  else
    local src = select(2, lsp.find_server(opts))
    ok(("found %s (via %s)"):format(bin, src))
    local version, why = lsp.server_version(bin)
    if version then
      ok("version: " .. version)
    else
      error_(("%s does not work: %s"):format(bin, why))
    end
  end

  start("article-lsp: clients")
  local clients = lsp.clients()
  if #clients == 0 then
    info("no article-lsp client is running (open an article: a .txt/.md below a folder with article-lsp.toml)")
  end
  for _, c in ipairs(clients) do
    local bufs = {}
    for b in pairs(c.attached_buffers or {}) do
      table.insert(bufs, ("%d:%s"):format(b, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(b), ":~:.")))
    end
    table.sort(bufs)
    local stopped
    if vim.fn.has("nvim-0.11") == 1 then
      stopped = c:is_stopped()
    else
      stopped = c.is_stopped()
    end
    local line = ("client %d (%s), root %s, buffers: %s"):format(
      c.id,
      stopped and "stopped" or "running",
      c.config.root_dir or "?",
      #bufs > 0 and table.concat(bufs, ", ") or "none"
    )
    if stopped then
      warn(line)
    else
      ok(line)
    end
  end
  if opts then
    info("settings: " .. vim.inspect(opts.settings or {}, { newline = " ", indent = "" }))
  end
end

return M
