-- Neovim: no server binary anywhere. The person sees one clear message saying what to do,
-- and :checkhealth article_lsp says the same; the editor keeps working.
local L = dofile(vim.env.ARTICLE_LSP_REPO .. "/tests/editors/nvim/lib.lua")

L.run("nvim missing binary", function()
  local file = assert(vim.env.ARTICLE_E2E_FILE)
  L.check("article-lsp is not on PATH for this test", vim.fn.exepath("article-lsp") == "")
  vim.cmd.edit(vim.fn.fnameescape(file))
  vim.wait(1000, function()
    return #_G.article_messages > 0
  end, 20)
  vim.cmd.edit(vim.fn.fnameescape(file)) -- opening it again must not repeat the message
  vim.wait(300)
  local errors = vim.tbl_filter(function(m)
    return m.level == vim.log.levels.ERROR
  end, _G.article_messages)
  L.check("exactly one error message", #errors == 1, vim.inspect(_G.article_messages))
  local msg = errors[1] and errors[1].msg or ""
  L.check("it says the server was not found", msg:find("server was not found", 1, true) ~= nil, msg)
  L.check("it says how to fix it", msg:find("cargo install", 1, true) ~= nil and msg:find("cmd =", 1, true) ~= nil, msg)
  L.check("no client was started", #require("article_lsp").clients() == 0)
  vim.api.nvim_buf_set_lines(0, 0, 0, false, { "still editable" })
  L.check("the buffer is still editable", vim.api.nvim_buf_get_lines(0, 0, 1, false)[1] == "still editable")
  vim.cmd("checkhealth article_lsp")
  local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  L.check("checkhealth reports the missing binary as an error", health:find("ERROR", 1, true) ~= nil and health:find("not found on PATH", 1, true) ~= nil, health)
end)
