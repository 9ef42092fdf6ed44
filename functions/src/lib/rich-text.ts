/**
 * Article bodies: a safe rich-text subset that WeChat's `rich-text` nodes (and H5) render, produced on the
 * server when a cadre writes, so no reader ever receives anything else. `xss` (js-xss) does the parsing
 * and escaping with an allow-list; this file only says what is allowed:
 * p, br, strong, em, h2–h4, ul/ol/li, blockquote, img (https src only), a (http/https href only).
 * No other tag survives (script/style/iframe… lose their content too), no event handler, no style or
 * class attribute (so no `url()` in CSS), no javascript:/data: links, no non-https images.
 */
import * as xssModule from 'xss';

// A CommonJS module: Node's ESM loader offers it as `default`, esbuild and the typings as named exports.
const { FilterXSS, escapeAttrValue } = (xssModule as unknown as { default?: typeof xssModule }).default ?? xssModule;

const ALLOWED: Record<string, string[]> = {
  p: [], br: [], strong: [], em: [], h2: [], h3: [], h4: [], ul: [], ol: [], li: [], blockquote: [],
  img: ['src', 'alt'],
  a: ['href', 'title'],
};

/** Images are made to fit the screen by us (a fixed style), never by what the author wrote. */
const IMG_STYLE = 'max-width:100%;height:auto;display:block;margin:8px 0';

const filter = new FilterXSS({
  whiteList: ALLOWED,
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'svg', 'math', 'video', 'audio', 'link', 'meta'],
  allowCommentTag: false,
  css: false,
  onTagAttr(tag, name, value) {
    // A link keeps its href only when it is http(s); otherwise the attribute goes (the text stays).
    if (tag === 'a' && name === 'href') {
      const v = value.trim();
      return /^https?:\/\/[^\s"'<>]+$/i.test(v) ? `href="${escapeAttrValue(v)}"` : '';
    }
    return undefined;
  },
  onTag(tag, html, options) {
    // An image keeps only a safe https source; without one it is dropped entirely.
    if (tag === 'img' && !options.isClosing) {
      const src = /\ssrc\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(html);
      const value = (src?.[2] ?? src?.[3] ?? src?.[4] ?? '').trim();
      if (!/^https:\/\/[^\s"'<>]+$/i.test(value)) return '';
      const alt = /\salt\s*=\s*("([^"]*)"|'([^']*)')/i.exec(html);
      const altText = alt ? ` alt="${escapeAttrValue(alt[2] ?? alt[3] ?? '')}"` : '';
      return `<img src="${escapeAttrValue(value)}"${altText} style="${IMG_STYLE}" />`;
    }
    return undefined;
  },
});

/**
 * Text without block tags becomes paragraphs: a blank line separates them, a single newline is a line
 * break. Cadres can write without knowing HTML and still use an inline <strong> or a link; the filter
 * below escapes whatever else the text holds.
 */
function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    // A "<" that starts no tag ("<3", "a < b") is text: escape it before the filter reads it as one.
    .map((p) => `<p>${p.replace(/<(?![a-z/!])/gi, '&lt;').replace(/\n/g, '<br/>')}</p>`)
    .join('');
}

const BLOCK_TAG = /<\/?(p|br|h[2-4]|ul|ol|li|blockquote|div|table)\b/i;

/** The body as stored and served: the allowed subset only. */
export function sanitiseArticleBody(input: string): string {
  const html = BLOCK_TAG.test(input) ? input : paragraphs(input);
  // js-xss leaves this marker where it cut an unclosed <script>/<svg>… body.
  return filter.process(html).replace(/\[removed\]/g, '').trim();
}

/** Whether sanitised HTML shows anything: some text or an image, not only empty tags. */
export const showsSomething = (html: string) => /<img\b/i.test(html) || html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim() !== '';
