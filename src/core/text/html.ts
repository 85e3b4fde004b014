/**
 * HTML every module shares: escaping untrusted text, decoding the character references of
 * formatters' HTML, and the shell of a self-contained document (doctype, language, character
 * set, content security policy, one inline style block) that the exported draft and the
 * Definition view both wrap their bodies in.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Decodes the character references of an HTML fragment's text: numeric ones and the named
 * ones formatters write (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`). A reference
 * that names no character (unknown name, zero, beyond U+10FFFF) stays as written.
 */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[body.toLowerCase()] ?? m;
  });
}

export interface HtmlPageOptions {
  /** The `lang` of the `<html>` element. */
  lang: string;
  /** Shown in the `<title>`; escaped. */
  title: string;
  /** The Content-Security-Policy, as the host writes it (not escaped). */
  csp: string;
  /** The stylesheet of the one `<style>` block (the host's own, not escaped). */
  style: string;
  /** A nonce for the style block, when the policy asks for one. */
  styleNonce?: string;
}

/** A whole HTML document: the head from `o`, then `body` inside `<body>`. */
export function htmlPage(body: string, o: HtmlPageOptions): string {
  const nonce = o.styleNonce !== undefined ? ` nonce="${escapeHtml(o.styleNonce)}"` : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(o.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${o.csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(o.title)}</title>`,
    `<style${nonce}>${o.style}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
  ].join('\n');
}
