-- Neovim: a server that exits at once is restarted a bounded number of times, each restart
-- is said, then the plugin gives up and says so; the editor never blocks.
-- Run with ARTICLE_LSP_ARGS set to arguments that make the real binary exit with an error.
local L = dofile(vim.env.ARTICLE_LSP_REPO .. "/tests/editors/nvim/lib.lua")

L.run("nvim crashing server", function()
  local file = assert(vim.env.ARTICLE_E2E_FILE)
  local max = require("article_lsp").options().max_restarts
  vim.cmd.edit(vim.fn.fnameescape(file))
  local ticks = 0
  local timer = vim.uv.new_timer()
  timer:start(0, 10, vim.schedule_wrap(function()
    ticks = ticks + 1
  end))
  local function gave_up()
    for _, m in ipairs(_G.article_messages) do
      if m.msg:find("will not be restarted", 1, true) then
        return true
      end
    end
    return false
  end
  local t0 = vim.uv.now()
  vim.wait(20000, gave_up, 20)
  local elapsed = vim.uv.now() - t0
  timer:stop()
  local restarts = vim.tbl_filter(function(m)
    return m.msg:find("restarting it", 1, true) ~= nil
  end, _G.article_messages)
  L.check(("the server was restarted %d times, each one said"):format(max), #restarts == max, vim.inspect(_G.article_messages))
  L.check("the last restart message counts up to the bound", restarts[#restarts] ~= nil and restarts[#restarts].msg:find(("(%d of %d)"):format(max, max), 1, true) ~= nil)
  L.check("the plugin gave up and said so", gave_up(), vim.inspect(_G.article_messages))
  vim.wait(1500)
  local after = #_G.article_messages
  vim.wait(1000)
  L.check("no restart after giving up", #_G.article_messages == after)
  -- A 10 ms timer kept firing while the server crashed and restarted: nothing blocked.
  L.check(
    "the event loop kept running meanwhile",
    ticks >= 5 and ticks >= 0.3 * elapsed / 10,
    ("%d timer ticks in %d ms"):format(ticks, elapsed)
  )
end)
