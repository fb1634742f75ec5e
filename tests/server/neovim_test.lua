-- Neovim's own LSP client (vim.lsp.start_client, Neovim 0.7) against `qadeck server`: opens a
-- copy of the workspace's notes.md, waits for the diagnostics, asks for the code actions at
-- the numbering gap, applies the preferred one (the fix) and checks the buffer, then checks
-- that the diagnostics follow the edit and that the outline is there. Then, as the user types
-- links, that an external one is judged from the link cache (the workspace's configuration
-- checks external links; neovim_test.py fills the cache), and that a link to a file the user
-- has only created in the editor, unsaved, lands, until its heading is renamed. Every wait is
-- bounded; the exit status says whether all held (0) or which step failed (1, with a message).
--
--   QADECK=build/bin/qadeck NOTES=/tmp/x/notes.md nvim --headless -u NONE -c 'luafile neovim_test.lua'

local scale = tonumber(vim.env.QADECK_TIME_SCALE or '1')
local timeout_ms = 10000 * scale

local function fail(message)
  io.stderr:write('neovim test: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, d.code or d.user_data and d.user_data.lsp and d.user_data.lsp.code or '?')
  end
  table.sort(list)
  return table.concat(list, ',')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.NOTES))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'qadeck',
    cmd = { vim.env.QADECK, 'server', '--debounce', '20' },
    root_dir = vim.fn.fnamemodify(vim.env.NOTES, ':h'),
  })
  if not client_id then return fail('the server did not start') end
  vim.lsp.buf_attach_client(bufnr, client_id)

  -- 1. Diagnostics on open: the gap and the unclosed brace.
  if not vim.wait(timeout_ms, function() return codes(bufnr) == 'math.braces,numbering.gap' end, 20) then
    return fail('diagnostics on open: got "' .. codes(bufnr) .. '"')
  end
  local client = vim.lsp.get_client_by_id(client_id)

  -- 2. The code actions at the gap (line 12, column 3): the fix is the preferred one.
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 11, character = 2 }, ['end'] = { line = 11, character = 3 } },
    context = { diagnostics = {}, only = { 'quickfix' } },
  }
  local response = client.request_sync('textDocument/codeAction', params, timeout_ms, bufnr)
  if not response or response.err or not response.result then
    return fail('codeAction: ' .. vim.inspect(response))
  end
  local fix, titles = nil, {}
  for _, action in ipairs(response.result) do
    table.insert(titles, action.title)
    if action.isPreferred then fix = action end
  end
  if #titles ~= 3 or titles[2] ~= 'Disable numbering.gap for this line'
      or titles[3] ~= 'Disable numbering.gap for this file' then
    return fail('code action titles: ' .. vim.inspect(titles))
  end
  if not fix then return fail('no preferred code action') end

  -- 3. Applied, it renumbers 3 to 2 and 4 to 3.
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  if lines[12] ~= '**2. What is a map?**' or lines[18] ~= '**3. What is $\\frac{1}{2$?**' then
    return fail('buffer after the fix: ' .. vim.inspect({ lines[12], lines[18] }))
  end

  -- 4. The edit reaches the server (incremental sync), whose diagnostics follow it.
  if not vim.wait(timeout_ms, function() return codes(bufnr) == 'math.braces' end, 20) then
    return fail('diagnostics after the fix: got "' .. codes(bufnr) .. '"')
  end

  -- 5. The outline: two sections holding their questions.
  local symbols = client.request_sync('textDocument/documentSymbol',
    { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, timeout_ms, bufnr)
  local result = symbols and symbols.result or {}
  if #result ~= 2 or result[1].name ~= '1 Basics' or #result[1].children ~= 2
      or result[2].children[1].name ~= '3 What is $\\frac{1}{2$?' then
    return fail('document symbols: ' .. vim.inspect(result))
  end

  -- 6. Links typed at the end: the broken one is known to the link cache (no request is
  -- made on a keystroke), and fresh.md exists nowhere yet.
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, {
    '', 'See [the gone page](https://gone.example.invalid/page) and [the new one](fresh.md#start).' })
  if not vim.wait(timeout_ms, function() return codes(bufnr) == 'link.broken,link.file,math.braces' end, 20) then
    return fail('diagnostics after typing links: got "' .. codes(bufnr) .. '"')
  end

  -- 7. fresh.md created in the editor, not saved: the link lands on it.
  local fresh = vim.fn.bufadd(vim.fn.fnamemodify(vim.env.NOTES, ':h') .. '/fresh.md')
  vim.fn.bufload(fresh)
  vim.api.nvim_buf_set_lines(fresh, 0, -1, false, { '## Start', '', 'Fresh.' })
  vim.lsp.buf_attach_client(fresh, client_id)
  if not vim.wait(timeout_ms, function() return codes(bufnr) == 'link.broken,math.braces' end, 20) then
    return fail('diagnostics with fresh.md open: got "' .. codes(bufnr) .. '"')
  end

  -- 8. Its heading renamed, still unsaved: #start no longer lands.
  vim.api.nvim_buf_set_lines(fresh, 0, 1, false, { '## Begin' })
  if not vim.wait(timeout_ms, function() return codes(bufnr) == 'link.anchor,link.broken,math.braces' end, 20) then
    return fail('diagnostics after renaming the heading: got "' .. codes(bufnr) .. '"')
  end

  client.stop()
  vim.wait(timeout_ms, function() return client.is_stopped() end, 20)
end)
if not ok then fail(tostring(err)) end
vim.cmd('qall!')
