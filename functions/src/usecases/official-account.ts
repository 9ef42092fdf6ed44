import type { SignInRule } from '../config';
import { AppError } from '../lib/errors';
import { SIGNATURE_WINDOW_SECONDS, signatureProblem, textReply } from '../lib/official-account';
import type { Ledger, Members, OfficialAccountUsers, PushClaims } from './ports';
import { signInToday } from './sign-in';

export interface OfficialAccountDeps {
  users: Pick<Members, 'idByUnionid'>;
  points: Pick<Ledger, 'state' | 'recordSignIn'>;
  followers: OfficialAccountUsers;
  pushes: PushClaims;
  rule: SignInRule;
  /** The mini-program's AppID, for the link in replies (empty: plain text). */
  miniprogramAppid: string;
}

/**
 * Accepts a request signed with the official account's token: a valid, fresh signature, and — for a
 * push, which acts — a URL never used before (its timestamp + nonce are claimed for the window), so
 * a captured URL cannot carry another body. 403 FORBIDDEN otherwise.
 */
export async function acceptSigned(
  pushes: Pick<PushClaims, 'claimSignedRequest'>,
  token: string,
  q: { signature?: string; timestamp?: string; nonce?: string },
  now: Date,
  once: boolean,
): Promise<void> {
  const problem = signatureProblem(token, q, now);
  if (problem) throw new AppError('FORBIDDEN', `公众号签名校验失败：${problem}`);
  if (once && !(await pushes.claimSignedRequest(q.timestamp!, q.nonce!, SIGNATURE_WINDOW_SECONDS, now))) {
    throw new AppError('FORBIDDEN', '公众号签名校验失败：请求已使用过');
  }
}

/** The menu key of the 签到 button (see scripts/oa-menu.ts). */
export const SIGN_IN_KEY = 'SIGN_IN';

function openMiniprogram(appid: string, text: string): string {
  return appid ? `<a data-miniprogram-appid="${appid}" data-miniprogram-path="pages/index/index" href="https://mp.weixin.qq.com">${text}</a>` : text;
}

async function signInFollower(deps: OfficialAccountDeps, oaOpenid: string, now: Date): Promise<string> {
  const unionid = await deps.followers.unionidOf(oaOpenid);
  const userId = unionid ? await deps.users.idByUnionid(unionid) : undefined;
  if (!userId) return `您还没有登录过“指尖上的工会”小程序，${openMiniprogram(deps.miniprogramAppid, '点此打开小程序')}，登录后即可在这里签到。`;
  try {
    const r = await signInToday({ points: deps.points, rule: deps.rule }, userId, now);
    return `签到成功！获得 ${r.points} 积分，已连续签到 ${r.streak} 天，当前积分 ${r.balance}。`;
  } catch (error) {
    if (error instanceof AppError && error.code === 'ALREADY_SIGNED_IN') {
      const state = await deps.points.state(userId);
      return `今天已经签到过了，当前积分 ${state?.balance ?? 0}，明天再来吧！`;
    }
    throw error;
  }
}

/** Handles one push: answers the passive reply XML ('' when there is nothing to say). */
export async function handlePush(deps: OfficialAccountDeps, push: Record<string, string>, now: Date): Promise<string> {
  const from = push.FromUserName;
  const to = push.ToUserName;
  if (!from || !to || !push.MsgType) throw new AppError('VALIDATION_FAILED', '推送内容不完整');
  const key = push.MsgId ? `msg#${push.MsgId}` : `evt#${from}#${push.CreateTime}#${push.Event ?? ''}`;
  // WeChat retries an unanswered push up to three times: each is handled once (see claimPush).
  if (!(await deps.pushes.claim(key, now))) return '';
  try {
    const reply = await answer(deps, push, now);
    return reply ? textReply(from, to, reply, now) : '';
  } catch (error) {
    await deps.pushes.release(key).catch(() => {});
    throw error;
  }
}

async function answer(deps: OfficialAccountDeps, push: Record<string, string>, now: Date): Promise<string | undefined> {
  const event = push.MsgType === 'event' ? (push.Event ?? '').toLowerCase() : '';
  if (event === 'click' && push.EventKey === SIGN_IN_KEY) return signInFollower(deps, push.FromUserName, now);
  if (event === 'subscribe') return `欢迎关注！点击菜单“签到”每天领积分，积分可在${openMiniprogram(deps.miniprogramAppid, '指尖上的工会')}兑换普惠好礼。`;
  if (push.MsgType === 'text') {
    const content = (push.Content ?? '').trim();
    if (content === '签到') return signInFollower(deps, push.FromUserName, now);
    return `回复“签到”即可每日签到领积分；入会、积分商城、职工活动请${openMiniprogram(deps.miniprogramAppid, '打开小程序')}。`;
  }
  return undefined;
}
