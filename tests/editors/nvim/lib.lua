-- Small helpers shared by the Neovim end-to-end tests.
local L = { passed = 0, failed = 0 }

function L.log(fmt, ...)
  io.stderr:write((fmt:format(...)) .. "\n")
end

function L.check(name, cond, detail)
  if cond then
    L.passed = L.passed + 1
    L.log("  ok   %s", name)
  else
    L.failed = L.failed + 1
    L.log("  FAIL %s%s", name, detail and (": " .. detail) or "")
  end
  return cond
end

function L.read(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local s = f:read("*a")
  f:close()
  return s
end

function L.finish(label)
  L.log("%s: %d passed, %d failed", label, L.passed, L.failed)
  if L.failed > 0 then
    vim.cmd("cquit 1")
  else
    vim.cmd("qall!")
  end
end

--- Runs `body` and turns a Lua error into a failure instead of a hang.
function L.run(label, body)
  local ok, err = xpcall(body, debug.traceback)
  if not ok then
    L.check("no Lua error", false, tostring(err))
  end
  L.finish(label)
end

--- Code point offset -> 0-based (line, byte column) in `text`.
function L.position(text, cp)
  local byte = vim.fn.byteidxcomp(text, cp)
  assert(byte >= 0, "offset beyond the text: " .. cp)
  local line, line_start = 0, 0
  local i = 1
  while true do
    local nl = text:find("\n", i, true)
    if not nl or nl > byte then
      break
    end
    line = line + 1
    line_start = nl
    i = nl + 1
  end
  return line, byte - line_start
end

--- Code points [s, e) of `text`.
function L.cut(text, s, e)
  local b1 = vim.fn.byteidxcomp(text, s)
  local b2 = vim.fn.byteidxcomp(text, e)
  if b1 < 0 or b2 < 0 then
    return nil
  end
  return text:sub(b1 + 1, b2)
end

function L.hover_text(result)
  if not result or not result.contents then
    return ""
  end
  local c = result.contents
  if type(c) == "string" then
    return c
  end
  if c.value then
    return c.value
  end
  local parts = {}
  for _, item in ipairs(c) do
    table.insert(parts, type(item) == "string" and item or item.value or "")
  end
  return table.concat(parts, "\n")
end

function L.plain_number(v)
  if v == math.floor(v) and math.abs(v) < 9e15 then
    return string.format("%d", v)
  end
  return (string.format("%.6f", v):gsub("0+$", ""):gsub("%.$", ""))
end

return L
