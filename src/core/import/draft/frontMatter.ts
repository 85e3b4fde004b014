/** The fields an import writes into a Markdown copy's YAML front matter (JSON-quoted scalars). */
export interface ImportedFrontMatter {
  title?: string;
  author?: string;
  publisher?: string;
  year?: number;
  url?: string;
  source?: string;
}

export function parseFrontMatterFields(markdown: string): ImportedFrontMatter {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(markdown);
  if (!m) return {};
  const out: ImportedFrontMatter = {};
  for (const line of m[1].split(/\r?\n/)) {
    const kv = /^([a-z-]+):\s*(.*)$/.exec(line);
    if (!kv) continue;
    let v: unknown = kv[2].trim();
    if (typeof v === 'string' && v.startsWith('"')) {
      try {
        v = JSON.parse(v);
      } catch {
        continue;
      }
    } else if (typeof v === 'string') v = v.replace(/^'(.*)'$/, '$1');
    if (typeof v !== 'string' || !v) continue;
    if (kv[1] === 'year') {
      const y = Number(v);
      if (Number.isInteger(y)) out.year = y;
    } else if (kv[1] === 'title' || kv[1] === 'author' || kv[1] === 'publisher' || kv[1] === 'url' || kv[1] === 'source') out[kv[1]] = v;
  }
  return out;
}
