-- Reads many Markdown documents in one pandoc run, for the tests that judge by Pandoc's reading.
-- The file named by the environment variable FINTECH_LENS_CASES holds the documents separated
-- by NUL bytes; each becomes one Div of the output, holding the blocks Pandoc reads, with the
-- document's metadata (stringified, key=value; ...) in the Div's `meta` attribute.
function Pandoc(doc)
  local f = assert(io.open(os.getenv('FINTECH_LENS_CASES'), 'rb'))
  local all = f:read('a')
  f:close()
  local out = {}
  for piece in (all .. '\0'):gmatch('([^%z]*)%z') do
    local d = pandoc.read(piece, 'markdown')
    local keys = {}
    for k, _ in pairs(d.meta) do keys[#keys + 1] = k end
    table.sort(keys)
    local meta = {}
    for _, k in ipairs(keys) do meta[#meta + 1] = k .. '=' .. pandoc.utils.stringify(d.meta[k]) end
    out[#out + 1] = pandoc.Div(d.blocks, pandoc.Attr('', {}, { { 'meta', table.concat(meta, '; ') } }))
  end
  return pandoc.Pandoc(out, doc.meta)
end
