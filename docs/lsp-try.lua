-- Try `visits lsp` in Neovim without configuring anything: open a schedule file, attach the
-- server, wait for its diagnostics, print them and a hover, and quit.
--
--   nvim --headless FILE.toml -c 'luafile docs/lsp-try.lua'
--
-- VISITS_LSP_CMD overrides the server command (default: `visits lsp` on PATH), for example
--   VISITS_LSP_CMD='.venv/bin/visits lsp'
-- VISITS_HOVER, when set, is a text to hover on: the first place it occurs in the file.
-- Works with Neovim 0.7 (Debian 12's, which has no vim.lsp.start) and later.

local function out(text)
  io.stdout:write(text, '\n')
end

local buf = vim.api.nvim_get_current_buf()
local cmd = vim.split(vim.env.VISITS_LSP_CMD or 'visits lsp', ' ', { trimempty = true })
local config = { name = 'visits', cmd = cmd, root_dir = vim.fn.expand('%:p:h') }
if vim.lsp.start then
  vim.lsp.start(config)
else
  vim.lsp.buf_attach_client(buf, vim.lsp.start_client(config))
end

local arrived = vim.wait(30000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
if not arrived then
  out('no diagnostics within 30 s')
end
local names = { 'error', 'warning', 'info', 'hint' }
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = (d.user_data or {}).lsp or {}
  local code = d.code or lsp.code or '?'
  out(string.format('diagnostic line %d col %d %s[%s] %s', d.lnum + 1, d.col + 1,
    names[d.severity] or '?', code, d.message))
end

local needle = vim.env.VISITS_HOVER
if needle then
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for row, line in ipairs(lines) do
    local column = line:find(needle, 1, true)
    if column then
      local params = {
        textDocument = { uri = vim.uri_from_bufnr(buf) },
        position = { line = row - 1, character = column - 1 },
      }
      local answers = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
      for _, answer in pairs(answers) do
        local contents = answer.result and answer.result.contents
        local value = type(contents) == 'table' and contents.value or tostring(contents)
        out(string.format('hover line %d col %d: %s', row, column, (value:gsub('\n+', ' | '))))
      end
      break
    end
  end
end
vim.cmd('qa!')
