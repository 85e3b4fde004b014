/**
 * HTML reports: a saved web page (main content only: navigation, headers, footers, side
 * bars, scripts and forms are dropped) or a fragment such as mammoth's output for a Word
 * file. Parsed with rehype-parse into hast; text through hast-util-to-text.
 */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { toText } from 'hast-util-to-text';
import type { Element, Root, RootContent, ElementContent } from 'hast';
import type { ImportBlock, ImportedDocument, ImportMetadata } from './types';
import { findHeadings } from './plaintext';
import { assignLevels, type HeadingMatch } from './headings';
import { isCjk, squash } from './text';

const processor = unified().use(rehypeParse);

const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'form', 'button', 'select', 'input', 'textarea', 'nav', 'aside', 'footer', 'object', 'embed', 'canvas', 'video', 'audio', 'map', 'dialog', 'menu']);
const DROP_ROLES = /^(navigation|banner|contentinfo|complementary|search|menu|menubar|toolbar|dialog)$/;
const BOILERPLATE = /(^|[-_\s])(nav|navbar|navigation|menu|footer|foot|sidebar|side-bar|breadcrumbs?|crumbs?|comments?|share|sharing|social|related|recommend|advert|ads?|cookie|banner|toolbar|pagination|pager|copyright|subscribe|newsletter|masthead|topbar|site-header|skip)([-_\s]|$)/i;
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'ul', 'ol', 'li', 'table', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'hr', 'center', 'body', 'html', 'address', 'details', 'summary', 'fieldset', 'caption']);

function prop(el: Element, name: string): string {
  const v = el.properties?.[name];
  return Array.isArray(v) ? v.join(' ') : v === undefined || v === null ? '' : String(v);
}

function isElement(n: RootContent | ElementContent | Root): n is Element {
  return n.type === 'element';
}

function isBoilerplate(el: Element, keepHeader: boolean): boolean {
  if (DROP.has(el.tagName)) return true;
  if (el.tagName === 'header' && !keepHeader) return true;
  if (DROP_ROLES.test(prop(el, 'role'))) return true;
  if (el.properties?.hidden !== undefined && el.properties.hidden !== false) return true;
  if (prop(el, 'ariaHidden') === 'true') return true;
  if (/display\s*:\s*none/i.test(prop(el, 'style'))) return true;
  const idClass = `${prop(el, 'id')} ${prop(el, 'className')}`;
  return el.tagName !== 'body' && el.tagName !== 'main' && el.tagName !== 'article' && BOILERPLATE.test(idClass);
}

function walk(node: Root | Element, visit: (el: Element) => boolean | void): void {
  for (const c of node.children) {
    if (isElement(c) && visit(c) !== false) walk(c, visit);
  }
}

/** Spaces that the HTML source's line breaks put between Chinese characters go. */
function cleanText(s: string): string {
  const t = squash(s);
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === ' ' && i > 0 && i + 1 < t.length && (isCjk(t.charCodeAt(i - 1)) || isCjk(t.charCodeAt(i + 1))) && (isCjk(t.charCodeAt(i - 1)) && isCjk(t.charCodeAt(i + 1)))) continue;
    out += c;
  }
  return out;
}

function textOf(node: Element | Root): string {
  return cleanText(toText(node as Element, { whitespace: 'normal' }));
}

/** The element holding the page's main content. */
function mainContent(root: Root): Element | Root {
  let best: { el: Element; score: number } | undefined;
  walk(root, (el) => {
    if (DROP.has(el.tagName)) return false;
    const role = prop(el, 'role');
    const idClass = `${prop(el, 'id')} ${prop(el, 'className')}`;
    let weight = 0;
    if (el.tagName === 'main' || role === 'main') weight = 3;
    else if (el.tagName === 'article') weight = 2;
    else if ((el.tagName === 'div' || el.tagName === 'section') && /(^|[-_\s])(content|article|post|main|entry|report|text|body)([-_\s]|$)/i.test(idClass) && !BOILERPLATE.test(idClass)) weight = 1;
    if (!weight) return true;
    const score = weight * 1e9 + textOf(el).length;
    if (!best || score > best.score) best = { el, score };
    return true;
  });
  const candidate = best?.el;
  if (candidate) {
    // A container with hardly any of the page's text is a teaser, not the content.
    const all = textOf(root).length;
    if (all === 0 || textOf(candidate).length >= all * 0.2) return candidate;
  }
  let body: Element | undefined;
  walk(root, (el) => {
    if (el.tagName === 'body') body = el;
    return !body;
  });
  return body ?? root;
}

function metaContent(root: Root): Map<string, string> {
  const meta = new Map<string, string>();
  walk(root, (el) => {
    if (el.tagName === 'meta') {
      const key = (prop(el, 'name') || prop(el, 'property') || prop(el, 'itemProp')).toLowerCase();
      const content = prop(el, 'content').trim();
      if (key && content && !meta.has(key)) meta.set(key, content);
    } else if (el.tagName === 'link' && /\bcanonical\b/.test(prop(el, 'rel')) && !meta.has('canonical')) {
      meta.set('canonical', prop(el, 'href'));
    } else if (el.tagName === 'title' && !meta.has('<title>')) {
      meta.set('<title>', textOf(el));
    } else if (el.tagName === 'time' && !meta.has('<time>') && prop(el, 'dateTime')) {
      meta.set('<time>', prop(el, 'dateTime'));
    }
  });
  return meta;
}

function yearOf(s: string | undefined): number | undefined {
  const m = s ? /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(s) : null;
  return m ? Number(m[1]) : undefined;
}

function pageMetadata(root: Root, html: string): ImportMetadata {
  const meta = metaContent(root);
  const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 2000))?.[1];
  const pick = (...keys: string[]): string | undefined => keys.map((k) => meta.get(k)).find((v) => !!v && v.trim().length > 0)?.trim();
  const url = pick('canonical', 'og:url') ?? saved;
  return {
    title: pick('citation_title', 'dc.title', 'og:title', '<title>'),
    author: pick('citation_author', 'author', 'dc.creator', 'article:author'),
    publisher: pick('citation_publisher', 'dc.publisher', 'publisher', 'og:site_name'),
    year: yearOf(pick('citation_publication_date', 'citation_date', 'article:published_time', 'dc.date', 'date', 'pubdate', '<time>')),
    url: url && /^https?:\/\//i.test(url) ? url : undefined,
  };
}

/** Block structure of a content element, in reading order. */
function blocksOf(container: Element | Root, keepHeader: boolean): ImportBlock[] {
  const blocks: ImportBlock[] = [];
  let inline: Array<ElementContent | RootContent> = [];
  const flushInline = (): void => {
    if (!inline.length) return;
    const text = textOf({ type: 'root', children: inline as RootContent[] });
    if (text) blocks.push({ type: 'paragraph', text });
    inline = [];
  };
  const visit = (node: Element | Root): void => {
    for (const c of node.children) {
      if (c.type === 'comment' || c.type === 'doctype') continue;
      if (c.type === 'text') {
        inline.push(c);
        continue;
      }
      if (!isElement(c)) continue;
      if (isBoilerplate(c, keepHeader)) continue;
      if (!BLOCKS.has(c.tagName)) {
        if (c.tagName === 'br' && inline.length && inline[inline.length - 1].type === 'element' && (inline[inline.length - 1] as Element).tagName === 'br') {
          inline.pop();
          flushInline(); // a blank line made of <br><br>
          continue;
        }
        if (c.tagName !== 'img') inline.push(c);
        continue;
      }
      flushInline();
      const tag = c.tagName;
      const h = /^h([1-6])$/.exec(tag);
      if (h) {
        const text = textOf(c);
        // mammoth marks the Word "Title" paragraph `doc-title` (see the import worker's style map): level 0.
        if (text) blocks.push({ type: 'heading', level: /\bdoc-title\b/.test(prop(c, 'className')) ? 0 : Number(h[1]), text });
      } else if (tag === 'p' || tag === 'dt' || tag === 'dd' || tag === 'figcaption' || tag === 'address' || tag === 'summary' || tag === 'caption') {
        if (c.children.some((k) => isElement(k) && BLOCKS.has(k.tagName))) visit(c);
        else {
          const text = textOf(c);
          if (text) blocks.push({ type: 'paragraph', text });
        }
      } else if (tag === 'ul' || tag === 'ol') {
        const items: string[] = [];
        for (const li of c.children) {
          if (!isElement(li) || isBoilerplate(li, keepHeader)) continue;
          const own: Element = { ...li, children: li.children.filter((k) => !(isElement(k) && (k.tagName === 'ul' || k.tagName === 'ol'))) };
          const text = textOf(own);
          if (text) items.push(text);
          for (const k of li.children) if (isElement(k) && (k.tagName === 'ul' || k.tagName === 'ol')) items.push(...textOfList(k));
        }
        if (items.length) blocks.push({ type: 'list', ordered: tag === 'ol', items });
      } else if (tag === 'blockquote') {
        const text = textOf(c);
        if (text) blocks.push({ type: 'quote', text });
      } else if (tag === 'pre') {
        const text = toText(c, { whitespace: 'pre' });
        if (text.trim()) blocks.push({ type: 'code', text });
      } else if (tag === 'table') {
        const rows: string[][] = [];
        walk(c, (el) => {
          if (el.tagName !== 'tr') return;
          const cells = el.children.filter((k): k is Element => isElement(k) && (k.tagName === 'td' || k.tagName === 'th')).map((k) => textOf(k));
          if (cells.some((x) => x)) rows.push(cells);
          return false;
        });
        if (rows.length) blocks.push({ type: 'table', rows });
      } else if (tag !== 'hr') {
        visit(c);
      }
      flushInline();
    }
  };
  visit(container);
  flushInline();
  return blocks;
}

function textOfList(list: Element): string[] {
  const out: string[] = [];
  walk(list, (el) => {
    if (el.tagName !== 'li') return;
    const own: Element = { ...el, children: el.children.filter((k) => !(isElement(k) && (k.tagName === 'ul' || k.tagName === 'ol'))) };
    const t = textOf(own);
    if (t) out.push(t);
  });
  return out;
}

/** Without heading markup (a Word file without heading styles, a page of <p>s), numbered paragraphs are the headings. */
function numberedHeadings(blocks: ImportBlock[]): ImportBlock[] {
  const paras = blocks.filter((b): b is { type: 'paragraph'; text: string } => b.type === 'paragraph');
  const matches = findHeadings(paras.map((p, index) => ({ text: p.text, index })));
  const found = matches.filter((m): m is HeadingMatch => !!m);
  if (!found.length) return blocks;
  const levels = assignLevels(found);
  const byPara = new Map<ImportBlock, ImportBlock[]>();
  let h = 0;
  paras.forEach((p, i) => {
    const m = matches[i];
    if (!m) return;
    const replaced: ImportBlock[] = [{ type: 'heading', level: levels[h++], text: m.text }];
    if (m.runIn) replaced.push({ type: 'paragraph', text: m.runIn });
    byPara.set(p, replaced);
  });
  return blocks.flatMap((b) => byPara.get(b) ?? [b]);
}

export interface HtmlImportOptions {
  /** A fragment with no page chrome (mammoth's output): take all of it. */
  fragment?: boolean;
}

/** The document of an HTML page or fragment. */
export function importHtml(html: string, options: HtmlImportOptions = {}): ImportedDocument {
  const root = processor.parse(html) as Root;
  const metadata = options.fragment ? {} : pageMetadata(root, html);
  const content = options.fragment ? root : mainContent(root);
  const keepHeader = !options.fragment && isElement(content as Element) && (content as Element).tagName === 'article';
  let blocks = blocksOf(content, keepHeader);
  let title: string | undefined;
  if (!blocks.some((b) => b.type === 'heading')) blocks = numberedHeadings(blocks);
  const marked = blocks.findIndex((b) => b.type === 'heading' && b.level === 0);
  if (marked >= 0) {
    title = (blocks[marked] as { text: string }).text;
    blocks.splice(marked, 1);
  }
  // One h1 that opens the document (or repeats the page title) is the title.
  const h1s = blocks.filter((b) => b.type === 'heading' && b.level === 1);
  const first = blocks.findIndex((b) => b.type === 'heading');
  if (!title && h1s.length === 1 && blocks[first] === h1s[0]) {
    title = (h1s[0] as { text: string }).text;
    blocks.splice(first, 1);
  }
  if (title && (!metadata.title || (metadata.title !== title && metadata.title.startsWith(title)))) metadata.title = title;
  if (!title && metadata.title) title = metadata.title.replace(/\s*[|_–—-]\s*[^|_–—-]{1,30}$/, '').trim() || metadata.title;
  return { title, blocks, metadata };
}
