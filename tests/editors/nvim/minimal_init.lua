-- Minimal init for the end-to-end tests: only this plugin, loaded from the work tree.
-- Environment: ARTICLE_LSP_REPO (repository root), ARTICLE_LSP_BIN (server binary; empty =
-- look on PATH), ARTICLE_LSP_TEST_MAX_RESTARTS (optional).
-- Run with --clean: the runtimepath holds Neovim's own runtime and parsers, no user config.
local repo = assert(vim.env.ARTICLE_LSP_REPO, "ARTICLE_LSP_REPO is not set")
vim.opt.runtimepath:prepend(repo .. "/editors/nvim")
vim.opt.swapfile = false
vim.opt.shadafile = "NONE"
vim.opt.termguicolors = true

-- Every message a person would see, kept for the assertions.
_G.article_messages = {}
local function record(msg, level)
  table.insert(_G.article_messages, { msg = msg, level = level })
  io.stderr:write(("[notify %s] %s\n"):format(tostring(level), msg))
end

local bin = vim.env.ARTICLE_LSP_BIN
require("article_lsp").setup({
  cmd = (bin and bin ~= "") and { bin, unpack(vim.split(vim.env.ARTICLE_LSP_ARGS or "serve", " ", { trimempty = true })) } or nil,
  max_restarts = tonumber(vim.env.ARTICLE_LSP_TEST_MAX_RESTARTS or "3"),
  notify = vim.env.ARTICLE_LSP_TEST_UI == "1" and nil or record,
  legacy_start = vim.env.ARTICLE_LSP_LEGACY_START == "1",
})
