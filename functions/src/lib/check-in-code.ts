/**
 * On-site check-in codes: `<activityId>.<window>.<mac>`, where the window is the 30-second slot of the
 * clock and the MAC an HMAC-SHA256 (truncated to 16 base64url characters) under a key derived from the
 * token secret. A code is accepted in its own slot and the one after (so a code shown just before the
 * slot turns still works), for its own activity only. Nothing is stored: forging one needs the key.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { config } from '../config';

export const CHECK_IN_SLOT_SECONDS = 30;
let key: Buffer | undefined;
const macKey = () => (key ??= Buffer.from(hkdfSync('sha256', config().TOKEN_SECRET, Buffer.alloc(0), 'zhgh/check-in-code', 32)));

const slotOf = (at: Date) => Math.floor(at.getTime() / 1000 / CHECK_IN_SLOT_SECONDS);
const mac = (activityId: string, slot: number) => createHmac('sha256', macKey()).update(`${activityId}.${slot}`).digest('base64url').slice(0, 16);

export function issueCheckInCode(activityId: string, at: Date): { code: string; expiresAt: Date } {
  const slot = slotOf(at);
  return { code: `${activityId}.${slot}.${mac(activityId, slot)}`, expiresAt: new Date((slot + 1) * CHECK_IN_SLOT_SECONDS * 1000) };
}

/** Why a scanned code is not good for this activity now, or undefined when it is. */
export function checkInCodeProblem(code: string, activityId: string, at: Date): string | undefined {
  const parts = code.trim().split('.');
  if (parts.length !== 3) return '签到码无效，请扫描活动现场的二维码';
  const [id, slotText, given] = parts;
  const slot = Number(slotText);
  if (!Number.isInteger(slot)) return '签到码无效，请扫描活动现场的二维码';
  const expected = Buffer.from(mac(id, slot));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return '签到码无效，请扫描活动现场的二维码';
  if (id !== activityId) return '这是其他活动的签到码';
  const now = slotOf(at);
  if (slot > now || slot < now - 1) return '签到码已过期，请扫描最新的二维码';
  return undefined;
}
