/**
 * Official-account replay (issue 12 item 8): a captured signed URL (timestamp, nonce, signature) is
 * good for one request — a second one inside the 300 s window, with any body, is refused.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { signatureOf } from '../../functions/src/lib/official-account';
import { TEST_API } from '../setup/ports';

const TOKEN = 'local-oa-token';
const signed = () => {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomUUID().slice(0, 10);
  return new URLSearchParams({ timestamp, nonce, signature: signatureOf(TOKEN, timestamp, nonce) }).toString();
};
const text = (from: string, content: string) =>
  `<xml><ToUserName><![CDATA[gh_union]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${Date.now()}${Math.floor(Math.random() * 1e6)}</MsgId></xml>`;
const post = (q: string, body: string) => fetch(`${TEST_API}/v1/wechat/official-account?${q}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });

describe('official-account signed URLs', () => {
  it('are used once: the same timestamp/nonce/signature with another body is 403', async () => {
    const q = signed();
    const first = await post(q, text('oa-replay-a', '你好'));
    expect(first.status).toBe(200);
    const replay = await post(q, text('oa-replay-b', '签到'));
    expect(replay.status).toBe(403);
    expect((await replay.json()).error.code).toBe('FORBIDDEN');
    // The same body again is refused as well; a freshly signed request works.
    expect((await post(q, text('oa-replay-a', '你好'))).status).toBe(403);
    expect((await post(signed(), text('oa-replay-b', '你好'))).status).toBe(200);
  });

  it('ten requests at once with one signed URL: exactly one is handled', async () => {
    const q = signed();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post(q, text(`oa-burst-${i}`, '你好'))));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(403)]);
  });
});
