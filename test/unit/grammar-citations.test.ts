/**
 * The citation injection grammar, tokenized with vscode-textmate and Oniguruma against a small
 * stand-in for VS Code's Markdown grammar (its scopes for code, comments, front matter and
 * links are the ones the injection selector excludes).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

function findUp(rel: string): string {
  for (const base of [process.cwd(), __dirname]) {
    let dir = base;
    for (;;) {
      const candidate = path.join(dir, rel);
      if (fs.existsSync(candidate)) return candidate;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`${rel} not found`);
}

const INJECTION_SCOPE = 'fintechLens.citations.injection'; // as package.json contributes it

/** A minimal Markdown grammar with the scope names of VS Code's own. */
const MARKDOWN_STAND_IN = {
  scopeName: 'text.html.markdown',
  patterns: [
    { include: '#frontMatter' },
    { include: '#fenced' },
    { include: '#comment' },
    { include: '#paragraph' },
  ],
  repository: {
    frontMatter: {
      begin: '\\A-{3}\\s*$',
      end: '(^|\\G)-{3}|\\.{3}\\s*$',
      contentName: 'meta.embedded.block.frontmatter',
      patterns: [{ match: '.+', name: 'source.yaml.stand-in' }],
    },
    fenced: {
      begin: '(^|\\G)(\\s*)(`{3,}|~{3,})\\s*(?=([^`]*)?$)',
      end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
      name: 'markup.fenced_code.block.markdown',
    },
    comment: { begin: '<!--', end: '-->', name: 'comment.block.html' },
    paragraph: {
      begin: '(^|\\G)[ ]{0,3}(?=[^ \\n])',
      while: '(^|\\G)((?=\\s*[-=]{3,}\\s*$)|[ ]{4,}(?=[^ \\t\\n]))',
      name: 'meta.paragraph.markdown',
      patterns: [{ include: '#inline' }],
    },
    inline: {
      patterns: [
        { match: '(`+)[^`]*?\\1', name: 'markup.inline.raw.string.markdown' },
        { match: '(\\[)([^\\]]*)(\\])(\\()([^)]*)(\\))', name: 'meta.link.inline.markdown' },
        { match: '(\\[)(\\S+?)(\\])', name: 'meta.link.reference.markdown' },
        { begin: '<!--', end: '-->', name: 'comment.block.html' },
      ],
    },
  },
};

interface Tok {
  text: string;
  scopes: string[];
}

let registry: vsctm.Registry;

before(async () => {
  const wasm = fs.readFileSync(findUp('node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const grammarText = fs.readFileSync(findUp('syntaxes/citations.injection.tmLanguage.json'), 'utf8');
  registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'text.html.markdown') return vsctm.parseRawGrammar(JSON.stringify(MARKDOWN_STAND_IN), 'markdown.json');
      if (scopeName === INJECTION_SCOPE) return vsctm.parseRawGrammar(grammarText, 'citations.injection.tmLanguage.json');
      return null;
    },
    getInjections: (scopeName: string) => (scopeName === 'text.html.markdown' ? [INJECTION_SCOPE] : undefined),
  });
});

async function tokenize(text: string): Promise<Tok[][]> {
  const grammar = await registry.loadGrammar('text.html.markdown');
  assert.ok(grammar);
  let state = vsctm.INITIAL;
  const out: Tok[][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })));
    state = r.ruleStack;
  }
  return out;
}

/** The scopes of the token whose text is `text` (the n-th such token). */
function scopesOf(line: Tok[], text: string, nth = 0): string[] {
  const hits = line.filter((t) => t.text === text);
  assert.ok(hits[nth], `no token '${text}' in ${JSON.stringify(line.map((t) => t.text))}`);
  return hits[nth].scopes;
}

const has = (scopes: string[], scope: string) => scopes.some((s) => s === scope || s.startsWith(`${scope}.`) || s.split(' ').includes(scope));

describe('citation injection grammar', () => {
  it('is a valid injection grammar for Markdown', () => {
    const g = JSON.parse(fs.readFileSync(findUp('syntaxes/citations.injection.tmLanguage.json'), 'utf8')) as { scopeName: string; injectionSelector: string };
    assert.equal(g.scopeName, INJECTION_SCOPE);
    assert.match(g.injectionSelector, /^L:text\.html\.markdown /);
    const pkg = JSON.parse(fs.readFileSync(findUp('package.json'), 'utf8')) as { contributes?: { grammars?: Array<{ scopeName: string; path: string; injectTo?: string[] }> } };
    const contributed = pkg.contributes?.grammars?.find((c) => c.path.endsWith('syntaxes/citations.injection.tmLanguage.json'));
    if (contributed) {
      assert.equal(contributed.scopeName, g.scopeName, 'package.json registers the grammar under its own scope name');
      assert.deepEqual(contributed.injectTo, ['text.html.markdown']);
    }
  });

  it('scopes a bracketed Pandoc citation: brackets, keys, locators and separators', async () => {
    const [line] = await tokenize('See [@zhongyan2026jinrong, sec. 1.3; -@chen2000guoshi, p. 29] here.');
    const open = scopesOf(line, '[');
    assert.ok(has(open, 'meta.citation.pandoc.fintech-lens'));
    assert.ok(has(open, 'punctuation.definition.citation.begin.fintech-lens'));
    assert.ok(has(scopesOf(line, 'zhongyan2026jinrong'), 'entity.name.reference.citation-key.fintech-lens'));
    assert.ok(has(scopesOf(line, '@'), 'punctuation.definition.citation-key.fintech-lens'));
    assert.ok(has(scopesOf(line, 'sec. 1.3'), 'meta.citation.locator.fintech-lens'));
    assert.ok(has(scopesOf(line, ';'), 'punctuation.separator.citation.fintech-lens'));
    assert.ok(has(scopesOf(line, '-'), 'keyword.operator.suppress-author.fintech-lens'));
    assert.ok(has(scopesOf(line, 'chen2000guoshi'), 'entity.name.reference.citation-key.fintech-lens'));
    assert.ok(has(scopesOf(line, 'p. 29'), 'meta.citation.locator.fintech-lens'));
    assert.ok(has(scopesOf(line, ']'), 'punctuation.definition.citation.end.fintech-lens'));
    assert.ok(!has(scopesOf(line, ' here.'), 'meta.citation.pandoc.fintech-lens'));
  });

  it('wins over the link-reference rule for [@key] and scopes braced keys', async () => {
    const [line] = await tokenize('金融科技[@key]。[@{key with space}]');
    assert.ok(has(scopesOf(line, 'key'), 'entity.name.reference.citation-key.fintech-lens'));
    assert.ok(!has(scopesOf(line, 'key'), 'meta.link.reference.markdown'));
    assert.ok(has(scopesOf(line, 'key with space'), 'entity.name.reference.citation-key.fintech-lens'));
  });

  it('scopes in-text citations but not e-mail addresses', async () => {
    const [line] = await tokenize('As @smith2020 says, write to me@example.org.');
    assert.ok(has(scopesOf(line, 'smith2020'), 'meta.citation.pandoc.in-text.fintech-lens'));
    assert.ok(line.every((t) => !has(t.scopes, 'entity.name.reference.citation-key.fintech-lens') || t.text === 'smith2020'));
  });

  it('scopes footnote references and definitions', async () => {
    const [ref, , def] = await tokenize('Text[^1] and[^note].\n\n[^1]: 中研產業研究院. 報告[R/OL].');
    assert.ok(has(scopesOf(ref, '1'), 'entity.name.reference.footnote-label.fintech-lens'));
    assert.ok(has(scopesOf(ref, '1'), 'meta.footnote.reference.fintech-lens'));
    assert.ok(has(scopesOf(ref, '^'), 'punctuation.definition.footnote.caret.fintech-lens'));
    assert.ok(has(scopesOf(ref, 'note'), 'meta.footnote.reference.fintech-lens'));
    assert.ok(has(scopesOf(def, '1'), 'meta.footnote.definition.fintech-lens'));
    assert.ok(has(scopesOf(def, '1'), 'entity.name.reference.footnote-label.fintech-lens'));
    assert.ok(has(scopesOf(def, ':'), 'punctuation.separator.footnote-definition.fintech-lens'));
  });

  it('leaves code, comments, front matter and links alone', async () => {
    const lines = await tokenize(
      ['---', 'note: "[^9] [@fm]"', '---', 'Inline `[@code] [^2]` and [see @x](http://e.org) <!-- [@c] -->', '```', '[^3]: [@fenced]', '```'].join('\n'),
    );
    for (const line of lines) {
      for (const t of line) {
        assert.ok(!t.scopes.some((s) => s.endsWith('.fintech-lens')), `'${t.text}' got ${t.scopes.join(' ')}`);
      }
    }
  });
});
