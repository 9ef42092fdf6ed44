/**
 * The official account's wire format: the signature WeChat puts on every request to our server URL
 * (SHA-1 of the sorted token, timestamp and nonce) and the flat XML of pushes and passive replies.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Pushes older or newer than this are refused (a captured request cannot be replayed later). */
export const SIGNATURE_WINDOW_SECONDS = 300;

export function signatureOf(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/** Why a request's signature is not acceptable, or undefined when it is. */
export function signatureProblem(token: string, q: { signature?: string; timestamp?: string; nonce?: string }, now: Date): string | undefined {
  if (!token) return '公众号未配置';
  if (!q.signature || !q.timestamp || !q.nonce) return '缺少签名';
  const expected = Buffer.from(signatureOf(token, q.timestamp, q.nonce));
  const given = Buffer.from(q.signature.toLowerCase());
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return '签名错误';
  const age = Math.abs(now.getTime() / 1000 - Number(q.timestamp));
  if (!Number.isFinite(age) || age > SIGNATURE_WINDOW_SECONDS) return '请求已过期';
  return undefined;
}

/**
 * Parses WeChat's flat push XML (`<xml><Tag><![CDATA[v]]></Tag><N>1</N>…</xml>`) into a record.
 * Anything else — nesting, unclosed tags, stray text, entities or DOCTYPE — is refused: pushes have
 * none, and refusing them shuts out XML tricks (entity expansion, external entities).
 */
export function parsePushXml(text: string): Record<string, string> {
  const body = /^\s*<xml>([\s\S]*)<\/xml>\s*$/.exec(text);
  if (!body) throw new Error('not a WeChat push');
  const fields: Record<string, string> = {};
  const element = /\s*<([A-Za-z][A-Za-z0-9_]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<&]*))<\/\1>/y;
  let rest = body[1];
  while (rest.trim()) {
    element.lastIndex = 0;
    const m = element.exec(rest);
    if (!m) throw new Error('malformed push XML');
    fields[m[1]] = m[2] ?? m[3] ?? '';
    rest = rest.slice(element.lastIndex);
  }
  return fields;
}

const cdata = (v: string) => `<![CDATA[${v.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** A passive text reply to a push. */
export function textReply(to: string, from: string, content: string, now: Date): string {
  return `<xml><ToUserName>${cdata(to)}</ToUserName><FromUserName>${cdata(from)}</FromUserName><CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content></xml>`;
}
