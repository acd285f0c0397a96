-- Neovim end-to-end: the plugin attaches the real server to a seed article, the
-- diagnostics are exactly the engine's entities, a hover shows a normalized value, and
-- :ArticleExport jsonl writes spans that cut out their texts.
-- Environment: ARTICLE_E2E_FILE (article inside a folder with article-lsp.toml),
-- ARTICLE_E2E_EXPECTED (`article-lsp annotate --format json` of that file).
local L = dofile(vim.env.ARTICLE_LSP_REPO .. "/tests/editors/nvim/lib.lua")
local lsp = require("article_lsp")

L.run("nvim e2e", function()
  local file = assert(vim.env.ARTICLE_E2E_FILE)
  local expected = vim.json.decode(assert(L.read(vim.env.ARTICLE_E2E_EXPECTED)))
  if expected.entities == nil and expected[1] ~= nil then
    expected = expected[1] -- an array of documents
  end
  local text = assert(L.read(file))
  L.log("article %s: %d entities expected (Neovim %s)", file, #expected.entities, tostring(vim.version()))
  L.check("the engine finds entities in the seed article", #expected.entities > 0)

  vim.cmd.edit(vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local t0 = vim.uv.hrtime()
  local attached = vim.wait(20000, function()
    local c = lsp.clients(buf)[1]
    return c ~= nil and c.initialized == true
  end, 20)
  L.check("client attaches", attached, "no initialized article_lsp client after 20 s")
  if not attached then
    return
  end
  L.log("  attached in %d ms", (vim.uv.hrtime() - t0) / 1e6)

  -- Diagnostics: wait until they arrive, then until they stop changing.
  local function ours()
    return vim.tbl_filter(function(d)
      return d.source == "article-lsp"
    end, vim.diagnostic.get(buf))
  end
  vim.wait(20000, function()
    return #ours() >= #expected.entities
  end, 20)
  local last, stable_since = -1, vim.uv.now()
  vim.wait(3000, function()
    local n = #ours()
    if n ~= last then
      last, stable_since = n, vim.uv.now()
    end
    return vim.uv.now() - stable_since > 500
  end, 50)
  local diags = ours()
  L.log("  %d diagnostics after %d ms", #diags, (vim.uv.hrtime() - t0) / 1e6)

  local want, got = {}, {}
  for _, e in ipairs(expected.entities) do
    local l1, c1 = L.position(text, e.start)
    local l2, c2 = L.position(text, e["end"])
    want[("%s %d:%d-%d:%d %s"):format(e.kind, l1, c1, l2, c2, e.text)] = true
  end
  for _, d in ipairs(diags) do
    local t = table.concat(vim.api.nvim_buf_get_text(buf, d.lnum, d.col, d.end_lnum, d.end_col, {}), "\n")
    got[("%s %d:%d-%d:%d %s"):format(tostring(d.code), d.lnum, d.col, d.end_lnum, d.end_col, t)] = true
  end
  local missing, extra = {}, {}
  for k in pairs(want) do
    if not got[k] then
      table.insert(missing, k)
    end
  end
  for k in pairs(got) do
    if not want[k] then
      table.insert(extra, k)
    end
  end
  table.sort(missing)
  table.sort(extra)
  L.check(
    ("vim.diagnostic.get() holds the engine's %d entities (kind, range, text)"):format(#expected.entities),
    #diags == #expected.entities and #missing == 0 and #extra == 0,
    ("%d diagnostics; missing: %s; extra: %s"):format(#diags, table.concat(missing, " | "), table.concat(extra, " | "))
  )
  local msg_ok = true
  for _, d in ipairs(diags) do
    if not d.message:find(tostring(d.code), 1, true) then
      msg_ok = false
    end
  end
  L.check("each diagnostic message names its kind", #diags > 0 and msg_ok)

  -- Hover on a money entity (else any entity with a value): its normalized value.
  local target
  for _, e in ipairs(expected.entities) do
    if e.kind == "money" and type(e.value) == "table" and e.value.amount then
      target = e
      break
    end
  end
  L.check("the seed article has a money entity to hover", target ~= nil)
  if target then
    local l, c = L.position(text, target.start + 1)
    vim.api.nvim_win_set_cursor(0, { l + 1, c })
    local client = lsp.clients(buf)[1]
    local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
    local res = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 5000) or {}
    local hover = ""
    for _, r in pairs(res) do
      hover = hover .. L.hover_text(r.result)
    end
    local flat = hover:gsub(",", "")
    local amount = L.plain_number(target.value.amount)
    L.log("  hover on %q: %s", target.text, hover:gsub("\n", " / "))
    L.check(
      ("hover on %q shows the amount %s"):format(target.text, amount),
      flat:find(amount, 1, true) ~= nil,
      hover
    )
    if type(target.value.currency) == "string" then
      L.check(
        ("hover shows the currency %s"):format(target.value.currency),
        hover:find(target.value.currency, 1, true) ~= nil,
        hover
      )
    end
  end

  -- :ArticleExport jsonl writes a file whose spans cut out their texts.
  vim.g.article_lsp_last_export = nil
  vim.cmd("ArticleExport jsonl")
  local done = vim.wait(15000, function()
    return vim.g.article_lsp_last_export ~= nil
  end, 20)
  L.check(":ArticleExport jsonl answers", done)
  local paths = vim.g.article_lsp_last_export or {}
  local out = paths[1]
  L.check(":ArticleExport reports the written file", type(out) == "string" and vim.uv.fs_stat(out) ~= nil, vim.inspect(paths))
  if out and vim.uv.fs_stat(out) then
    local lines = vim.split(vim.trim(L.read(out)), "\n")
    L.check("the export holds one JSON line for the article", #lines == 1, ("%d lines"):format(#lines))
    local ok, rec = pcall(vim.json.decode, lines[1])
    L.check("the export line is JSON", ok, tostring(rec))
    if ok then
      local bad = {}
      for _, e in ipairs(rec.entities or {}) do
        local cut = L.cut(text, e.start, e["end"])
        if cut ~= e.text then
          table.insert(bad, ("%s [%d,%d) %q vs %q"):format(e.kind, e.start, e["end"], tostring(cut), e.text))
        end
      end
      L.check(
        ("every exported span cuts out its text (%d entities)"):format(#(rec.entities or {})),
        #(rec.entities or {}) == #expected.entities and #bad == 0,
        table.concat(bad, " | ")
      )
    end
  end

  -- Settings reach the server: `kinds.date = "off"` (workspace/didChangeConfiguration)
  -- leaves every entity but the dates.
  local non_dates = #vim.tbl_filter(function(e)
    return e.kind ~= "date"
  end, expected.entities)
  lsp.update_settings({ kinds = { date = "off" } })
  local off = vim.wait(10000, function()
    return #ours() == non_dates
  end, 50)
  L.check(("with kinds.date = off, %d diagnostics remain (no dates)"):format(non_dates), off, ("%d diagnostics"):format(#ours()))
  lsp.update_settings({ kinds = { date = "information" } })
  local back = vim.wait(10000, function()
    return #ours() == #expected.entities
  end, 50)
  L.check("turning dates back on restores them", back, ("%d diagnostics"):format(#ours()))

  -- A text file outside any folder with article-lsp.toml is not an article.
  local outside = vim.env.ARTICLE_E2E_OUTSIDE
  if outside and outside ~= "" then
    vim.cmd.edit(vim.fn.fnameescape(outside))
    local obuf = vim.api.nvim_get_current_buf()
    vim.wait(1500)
    L.check(
      "a .txt outside a folder with article-lsp.toml gets no client and no diagnostics",
      #lsp.clients(obuf) == 0 and #vim.diagnostic.get(obuf) == 0,
      ("%d clients, %d diagnostics"):format(#lsp.clients(obuf), #vim.diagnostic.get(obuf))
    )
    vim.cmd.buffer(buf)
  end

  -- :checkhealth article_lsp sees the binary, its version and the client.
  vim.cmd("checkhealth article_lsp")
  local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n")
  L.check("checkhealth reports the binary found", health:find("found ", 1, true) ~= nil, health)
  L.check("checkhealth reports the server version", health:find("version: article%-lsp") ~= nil, health)
  L.check("checkhealth lists the attached client", health:find("running), root", 1, true) ~= nil, health)
  L.check("no error message was shown", #vim.tbl_filter(function(m)
    return m.level and m.level >= vim.log.levels.WARN
  end, _G.article_messages) == 0, vim.inspect(_G.article_messages))
end)
