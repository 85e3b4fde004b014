-- Reads many Markdown documents in one pandoc run, for the tests that judge by Pandoc's reading.
-- The file named by the environment variable FINTECH_LENS_CASES holds the documents separated
-- by NUL bytes; each becomes one Div of the output, holding a Div of its title block's fields
-- (title, author, date, as Plain blocks) and a Div of the blocks Pandoc reads, with the
-- document's metadata (stringified, key=value; ...) in the Div's `meta` attribute.
function Pandoc(doc)
  local f = assert(io.open(os.getenv('FINTECH_LENS_CASES'), 'rb'))
  local all = f:read('a')
  f:close()
  local out = {}
  for piece in (all .. '\0'):gmatch('([^%z]*)%z') do
    -- A document Pandoc cannot read (a YAML block it refuses) is an empty one, marked `error`.
    local ok, d = pcall(pandoc.read, piece, 'markdown')
    if not ok then d = pandoc.Pandoc({}, { error = pandoc.MetaString('unreadable') }) end
    local keys = {}
    for k, _ in pairs(d.meta) do keys[#keys + 1] = k end
    table.sort(keys)
    local meta = {}
    for _, k in ipairs(keys) do meta[#meta + 1] = k .. '=' .. pandoc.utils.stringify(d.meta[k]) end
    -- A title block's fields (title, author, date) hold inlines, citations among them: kept as blocks.
    local head = {}
    local function inlines(v)
      local kind = type(v) == 'table' and getmetatable(v) and getmetatable(v).__name
      if kind == 'Inlines' then head[#head + 1] = pandoc.Plain(v)
      elseif kind == 'List' then for _, x in ipairs(v) do inlines(x) end end
    end
    for _, k in ipairs({ 'title', 'author', 'date' }) do inlines(d.meta[k]) end
    local body = { pandoc.Div(head), pandoc.Div(d.blocks) }
    out[#out + 1] = pandoc.Div(body, pandoc.Attr('', {}, { { 'meta', table.concat(meta, '; ') } }))
  end
  return pandoc.Pandoc(out, doc.meta)
end
