-- article-lsp for Neovim: starts the `article-lsp` language server for news articles
-- (companies, money, percents, dates), passes its settings and adds user commands.
--
--   require("article_lsp").setup({
--     -- cmd = { "/path/to/article-lsp", "serve" },   -- default: `article-lsp` on PATH
--     settings = { kinds = { date = "hint" }, articleDate = "2018-01-17" },
--   })
--
-- Neovim 0.11+ uses vim.lsp.config / vim.lsp.enable; 0.8-0.10 fall back to vim.lsp.start.

local M = {}

M.name = "article_lsp"

--- The server's configuration section `articleLsp` (see the project README). Keys left
--- out take the server's defaults.
local default_settings = {
  kinds = { company = "information", money = "information", percent = "information", date = "information" },
  debounceMs = 150,
  inlayHints = true,
  export = { format = "jsonl" },
  articleGlobs = { "**/*.txt", "**/*.md", "**/*.article" },
}

M.defaults = {
  -- Command line of the server; nil = `article-lsp serve` found on PATH.
  cmd = nil,
  -- Filetypes to attach to (`text` is Neovim's filetype for .txt files).
  filetypes = { "text", "markdown", "article" },
  -- A file is an article when one of these is found in a parent folder ...
  root_markers = { "article-lsp.toml" },
  -- ... and only then, unless this is true (then the file's folder is the root).
  enable_everywhere = false,
  -- The `articleLsp` settings (initializationOptions, workspace/configuration,
  -- workspace/didChangeConfiguration).
  settings = {},
  -- Crashed servers are restarted at most this many times within `restart_window_ms`.
  max_restarts = 3,
  restart_window_ms = 180000,
  -- Extra fields merged into the client config (on_attach, capabilities, handlers, ...).
  on_attach = nil,
  capabilities = nil,
  -- Where messages go; tests and UIs may replace it.
  notify = nil,
  -- Start clients with vim.lsp.start even on 0.11+ (the path used on 0.8-0.10).
  legacy_start = false,
}

M.formats = { "jsonl", "json", "brat", "doccano", "label-studio", "webanno", "w3c", "spacy", "conll", "csv", "csv-excel" }

local state = {
  opts = nil,
  restarts = {},
  stopping = false,
  told = {},
  gave_up = false,
}

local uv = vim.uv or vim.loop

local function has(feature)
  return vim.fn.has(feature) == 1
end

--- Sends a message to the person, once per distinct text unless `always`.
local function tell(msg, level, always)
  level = level or vim.log.levels.INFO
  if not always then
    if state.told[msg] then
      return
    end
    state.told[msg] = true
  end
  local notify = (state.opts and state.opts.notify) or vim.notify
  vim.schedule(function()
    notify(msg, level, { title = "article-lsp" })
  end)
end
M._tell = tell

local function get_clients(filter)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients(filter)
  end
  local clients = vim.lsp.get_active_clients(filter) -- luacheck: ignore (0.8-0.9)
  return clients
end

function M.clients(bufnr)
  return get_clients({ name = M.name, bufnr = bufnr })
end

local function request(client, method, params, handler, bufnr)
  if has("nvim-0.11") then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function notify_client(client, method, params)
  if has("nvim-0.11") then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

local function is_executable(path)
  return type(path) == "string" and path ~= "" and vim.fn.executable(path) == 1
end

--- Where the server binary comes from: `cmd` in setup, else `article-lsp` on PATH.
--- Returns path, source or nil, message.
function M.find_server(opts)
  opts = opts or state.opts or M.defaults
  if opts.cmd and opts.cmd[1] then
    local bin = vim.fn.expand(opts.cmd[1])
    if is_executable(bin) then
      return vim.fn.exepath(bin) ~= "" and vim.fn.exepath(bin) or bin, "setup{cmd}"
    end
    return nil,
      ("article-lsp: the server command %q (from setup{ cmd = ... }) is not an executable file. "):format(bin)
        .. "Fix `cmd`, or remove it to use `article-lsp` from PATH."
  end
  local onpath = vim.fn.exepath("article-lsp")
  if onpath ~= "" then
    return onpath, "PATH"
  end
  return nil,
    "article-lsp: the `article-lsp` server was not found on PATH. Install it "
      .. "(in the article-lsp repository: `cargo install --path .`) or pass its path: "
      .. "require('article_lsp').setup({ cmd = { '/path/to/article-lsp', 'serve' } })."
end

--- `article-lsp --version`, or nil and the reason.
function M.server_version(bin)
  local out
  if vim.system then
    local ok, res = pcall(function()
      return vim.system({ bin, "--version" }, { text = true }):wait(5000)
    end)
    if not ok then
      return nil, tostring(res)
    end
    if res.code ~= 0 then
      return nil, ("`--version` exited with status %s: %s"):format(res.code, vim.trim(res.stderr or ""))
    end
    out = res.stdout or ""
  else
    out = vim.fn.system({ bin, "--version" })
    if vim.v.shell_error ~= 0 then
      return nil, ("`--version` exited with status %d"):format(vim.v.shell_error)
    end
  end
  local line = vim.split(vim.trim(out), "\n")[1] or ""
  if not line:lower():find("article%-lsp") then
    return nil, ("`--version` printed %q, not an article-lsp version"):format(line)
  end
  return line
end

local function glob_matcher(globs)
  local pats = {}
  for _, g in ipairs(globs or {}) do
    local rel = g:gsub("^%./", "")
    if vim.glob and vim.glob.to_lpeg then
      local ok, pat = pcall(vim.glob.to_lpeg, rel)
      if ok then
        table.insert(pats, function(p)
          return pat:match(p) ~= nil
        end)
      end
    else
      local re = vim.regex(vim.fn.glob2regpat(rel))
      table.insert(pats, function(p)
        return re:match_str(p) ~= nil
      end)
    end
  end
  return function(relpath)
    for _, f in ipairs(pats) do
      if f(relpath) then
        return true
      end
    end
    return false
  end
end

local function find_root(fname, markers)
  if vim.fs and vim.fs.find then
    local found = vim.fs.find(markers, { path = vim.fs.dirname(fname), upward = true })[1]
    return found and vim.fs.dirname(found) or nil
  end
  for _, m in ipairs(markers) do
    local f = vim.fn.findfile(m, vim.fn.fnamemodify(fname, ":h") .. ";")
    if f ~= "" then
      return vim.fn.fnamemodify(f, ":p:h")
    end
  end
  return nil
end

--- The root folder for a buffer, or nil when the buffer is not an article.
function M.root_for(bufnr)
  local opts = state.opts or M.defaults
  local fname = vim.api.nvim_buf_get_name(bufnr)
  if fname == "" or vim.bo[bufnr].buftype ~= "" then
    return nil
  end
  fname = vim.fn.fnamemodify(fname, ":p")
  local root = find_root(fname, opts.root_markers)
  if not root then
    if not opts.enable_everywhere then
      return nil
    end
    root = vim.fn.fnamemodify(fname, ":h")
  end
  if vim.bo[bufnr].filetype == "article" then
    return root
  end
  local rel = fname:sub(#root + 2)
  local globs = (opts.settings and opts.settings.articleGlobs) or default_settings.articleGlobs
  if glob_matcher(globs)(rel) or (opts.enable_everywhere and glob_matcher(globs)(vim.fn.fnamemodify(fname, ":t"))) then
    return root
  end
  return nil
end

local function settings_object()
  return vim.tbl_deep_extend("force", vim.deepcopy(default_settings), state.opts.settings or {})
end

--- Restart bookkeeping: called when a client exits.
local function on_exit(code, signal, _client_id)
  if state.stopping or (code == 0 and signal == 0) then
    return
  end
  local opts = state.opts
  local now = uv.now()
  local recent = {}
  for _, t in ipairs(state.restarts) do
    if now - t < opts.restart_window_ms then
      table.insert(recent, t)
    end
  end
  state.restarts = recent
  if #recent < opts.max_restarts then
    table.insert(state.restarts, now)
    tell(
      ("article-lsp: the server exited (code %d, signal %d); restarting it (%d of %d)."):format(
        code,
        signal,
        #state.restarts,
        opts.max_restarts
      ),
      vim.log.levels.WARN,
      true
    )
    vim.defer_fn(function()
      M._start_all()
    end, 200 * #state.restarts)
  else
    state.gave_up = true
    tell(
      ("article-lsp: the server exited %d times within %d s and will not be restarted. "):format(
        opts.max_restarts + 1,
        math.floor(opts.restart_window_ms / 1000)
      ) .. "See :checkhealth article_lsp and the log (:ArticleLspLog), then run :ArticleLspRestart.",
      vim.log.levels.ERROR,
      true
    )
  end
end

local function client_config(bin, root)
  local opts = state.opts
  local settings = settings_object()
  local args = (opts.cmd and vim.list_slice(opts.cmd, 2)) or { "serve" }
  -- One diagnostics channel: the client does not offer pull diagnostics, and ignores a
  -- pull provider the server may still advertise, so entities arrive once, pushed
  -- (a server answering both ways would otherwise show every entity twice).
  local caps = vim.tbl_deep_extend(
    "force",
    vim.lsp.protocol.make_client_capabilities(),
    opts.capabilities or {}
  )
  if caps.textDocument then
    caps.textDocument.diagnostic = nil
  end
  local config = {
    name = M.name,
    cmd = vim.list_extend({ bin }, args),
    filetypes = opts.filetypes,
    root_dir = root,
    init_options = settings,
    settings = { articleLsp = settings },
    on_exit = on_exit,
    on_init = function(client)
      if client.server_capabilities then
        client.server_capabilities.diagnosticProvider = nil
      end
    end,
    on_attach = opts.on_attach,
    capabilities = caps,
  }
  return config
end

local function use_enable()
  return has("nvim-0.11") and vim.lsp.config ~= nil and vim.lsp.enable ~= nil
    and not (state.opts and state.opts.legacy_start)
end

--- Starts (or reuses) the client for one buffer; never blocks.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if state.gave_up or not vim.api.nvim_buf_is_valid(bufnr) then
    return
  end
  if not vim.tbl_contains(state.opts.filetypes, vim.bo[bufnr].filetype) then
    return
  end
  local root = M.root_for(bufnr)
  if not root then
    return
  end
  local bin, msg = M.find_server()
  if not bin then
    tell(msg, vim.log.levels.ERROR)
    return
  end
  if use_enable() then
    -- vim.lsp.enable drives attaching on 0.11+; enabling late re-runs its FileType autocmd.
    if state.enabled_bin ~= bin then
      M._enable(bin)
    end
    return
  end
  vim.lsp.start(client_config(bin, root), { bufnr = bufnr })
end

function M._enable(bin)
  local cfg = client_config(bin, nil)
  cfg.root_dir = function(bufnr, on_dir)
    local root = M.root_for(bufnr)
    if root then
      on_dir(root)
    end
  end
  cfg.name = nil
  state.enabled_bin = bin
  vim.lsp.config(M.name, cfg)
  vim.lsp.enable(M.name)
end

--- (Re)starts the server for every loaded article buffer.
function M._start_all()
  if state.gave_up then
    return
  end
  if use_enable() then
    local bin, msg = M.find_server()
    if not bin then
      tell(msg, vim.log.levels.ERROR)
      return
    end
    -- Re-enabling runs the FileType autocmd of vim.lsp.enable for every buffer (Neovim
    -- does that itself once it has entered; before that, e.g. in -c scripts, we do).
    vim.lsp.enable(M.name, false)
    M._enable(bin)
    if vim.v.vim_did_enter ~= 1 then
      pcall(vim.cmd.doautoall, "nvim.lsp.enable FileType")
    end
    return
  end
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) then
      M.attach(b)
    end
  end
end

--- Stops the server and starts it again; resets the crash counter and the messages.
function M.restart()
  state.stopping = true
  local clients = M.clients()
  for _, c in ipairs(clients) do
    if has("nvim-0.11") then
      c:stop()
    else
      c.stop()
    end
  end
  state.restarts = {}
  state.gave_up = false
  state.told = {}
  local waited = 0
  local function again()
    local alive = false
    for _, c in ipairs(clients) do
      local stopped
      if has("nvim-0.11") then
        stopped = c:is_stopped()
      else
        stopped = c.is_stopped()
      end
      if not stopped then
        alive = true
      end
    end
    if alive and waited < 3000 then
      waited = waited + 100
      vim.defer_fn(again, 100)
      return
    end
    state.stopping = false
    M._start_all()
  end
  vim.defer_fn(again, 50)
end

--- Sends changed settings to the running server (and keeps them for later starts).
function M.update_settings(settings)
  state.opts.settings = vim.tbl_deep_extend("force", state.opts.settings or {}, settings or {})
  local s = settings_object()
  for _, c in ipairs(M.clients()) do
    c.config.settings = { articleLsp = s }
    notify_client(c, "workspace/didChangeConfiguration", { settings = { articleLsp = s } })
  end
end

local function client_for(bufnr)
  local clients = M.clients(bufnr)
  if #clients == 0 then
    clients = M.clients()
  end
  if #clients == 0 then
    local bin, msg = M.find_server()
    tell(bin and "article-lsp: the server is not running for this buffer (is it an article? see :checkhealth article_lsp)." or msg, vim.log.levels.ERROR, true)
    return nil
  end
  return clients[1]
end

--- Runs a server command (workspace/executeCommand) with ONE argument object.
--- callback(err, result) is called on the main loop; nothing blocks.
function M.execute(command, arg, bufnr, callback)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = client_for(bufnr)
  if not client then
    if callback then
      callback("no server", nil)
    end
    return
  end
  request(client, "workspace/executeCommand", { command = command, arguments = { arg } }, function(err, result)
    if callback then
      callback(err, result)
    end
  end, bufnr)
end

local function report_export(err, result)
  if err then
    tell("article-lsp: export failed: " .. (type(err) == "table" and (err.message or vim.inspect(err)) or tostring(err)), vim.log.levels.ERROR, true)
    return
  end
  local paths = (type(result) == "table" and result.paths) or {}
  vim.g.article_lsp_last_export = paths
  if #paths == 0 then
    tell("article-lsp: the export wrote no file.", vim.log.levels.WARN, true)
  elseif #paths == 1 then
    tell("article-lsp: exported to " .. paths[1], vim.log.levels.INFO, true)
  else
    tell(("article-lsp: exported %d files (first: %s)"):format(#paths, paths[1]), vim.log.levels.INFO, true)
  end
end

function M.export(format, bufnr, callback)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  format = (format and format ~= "") and format or settings_object().export.format or "jsonl"
  M.execute("articleLsp.export", { uri = vim.uri_from_bufnr(bufnr), format = format }, bufnr, function(err, result)
    report_export(err, result)
    if callback then
      callback(err, result)
    end
  end)
end

function M.export_workspace(format, callback)
  format = (format and format ~= "") and format or settings_object().export.format or "jsonl"
  M.execute("articleLsp.export", { uri = "workspace", format = format }, 0, function(err, result)
    report_export(err, result)
    if callback then
      callback(err, result)
    end
  end)
end

function M.set_date(date, bufnr, callback)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local function send(d)
    d = d and vim.trim(d) or ""
    if d ~= "" and not (d:match("^%d%d%d%d%-%d%d%-%d%d$") or d:match("^%d%d%d%d%-%d%d$") or d:match("^%d%d%d%d$")) then
      tell("article-lsp: `" .. d .. "` is not a date like 2018-01-17 (or 2018-01, 2018).", vim.log.levels.ERROR, true)
      return
    end
    local dct = d == "" and vim.NIL or d
    M.execute("articleLsp.setDate", { uri = vim.uri_from_bufnr(bufnr), dct = dct }, bufnr, function(err, result)
      if err then
        tell("article-lsp: could not set the date: " .. (err.message or vim.inspect(err)), vim.log.levels.ERROR, true)
      else
        tell(d == "" and "article-lsp: the article date is inferred again." or ("article-lsp: article date set to " .. d .. "."), vim.log.levels.INFO, true)
      end
      if callback then
        callback(err, result)
      end
    end)
  end
  if date ~= nil then
    send(date)
  else
    vim.ui.input({ prompt = "Article date (YYYY-MM-DD, empty = infer): " }, function(input)
      if input ~= nil then
        send(input)
      end
    end)
  end
end

local function create_commands()
  local complete = function(lead)
    return vim.tbl_filter(function(f)
      return f:sub(1, #lead) == lead
    end, M.formats)
  end
  vim.api.nvim_create_user_command("ArticleExport", function(a)
    M.export(a.args)
  end, { nargs = "?", complete = complete, desc = "article-lsp: export this article ([format], default jsonl)" })
  vim.api.nvim_create_user_command("ArticleExportWorkspace", function(a)
    M.export_workspace(a.args)
  end, { nargs = "?", complete = complete, desc = "article-lsp: export every article of the workspace" })
  vim.api.nvim_create_user_command("ArticleSetDate", function(a)
    M.set_date(a.args ~= "" and a.args or (a.bang and "" or nil))
  end, { nargs = "?", bang = true, desc = "article-lsp: set this article's date (YYYY-MM-DD; ! clears it)" })
  vim.api.nvim_create_user_command("ArticleLspRestart", function()
    M.restart()
  end, { desc = "article-lsp: restart the server" })
  vim.api.nvim_create_user_command("ArticleLspLog", function()
    vim.cmd.split(vim.fn.fnameescape(vim.lsp.get_log_path()))
  end, { desc = "article-lsp: open the LSP log" })
end

function M.setup(user)
  state.opts = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), user or {})
  if user and user.cmd then
    state.opts.cmd = user.cmd -- lists are replaced, not merged
  end
  if user and user.filetypes then
    state.opts.filetypes = user.filetypes
  end
  if user and user.root_markers then
    state.opts.root_markers = user.root_markers
  end
  if user and user.settings and user.settings.articleGlobs then
    state.opts.settings.articleGlobs = user.settings.articleGlobs
  end
  state.restarts, state.gave_up, state.told = {}, false, {}
  if vim.filetype and vim.filetype.add then
    vim.filetype.add({ extension = { article = "article" } })
  end
  create_commands()
  state.enabled_bin = nil
  if use_enable() then
    local bin = M.find_server()
    if bin then
      M._enable(bin)
    end
  end
  local group = vim.api.nvim_create_augroup("article_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = state.opts.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  -- Buffers already open when setup runs (e.g. a lazy-loaded plugin).
  if vim.v.vim_did_enter == 1 and not use_enable() then
    M._start_all()
  end
  return M
end

function M.options()
  return state.opts
end

return M
