/**
 * `npm run oa:menu`: the official account's custom menu. Prints the JSON; with OA_APPID and OA_SECRET
 * (and MINIPROGRAM_APPID) set, also posts it to WeChat's menu/create.
 *   首页 — opens the mini-program (miniprogram button; `url` is the fallback for old clients)
 *   签到 — a click event with key SIGN_IN, answered by POST /v1/wechat/official-account
 *   服务 — 商城 and 活动 pages of the mini-program
 */
const appid = process.env.MINIPROGRAM_APPID ?? 'wx0000000000000000';
const fallback = process.env.OA_MENU_FALLBACK_URL ?? 'https://mp.weixin.qq.com';
const mini = (name: string, pagepath: string) => ({ type: 'miniprogram', name, url: fallback, appid, pagepath });

export const MENU = {
  button: [
    mini('指尖工会', 'pages/index/index'),
    { type: 'click', name: '签到', key: 'SIGN_IN' },
    { name: '服务', sub_button: [mini('积分商城', 'pages/mall/index'), mini('职工活动', 'pages/activities/index'), mini('入会申请', 'packages/membership/join/index')] },
  ],
};

console.log(JSON.stringify(MENU, null, 2));
const { OA_APPID, OA_SECRET } = process.env;
if (OA_APPID && OA_SECRET) {
  const token = (await (await fetch(`https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${OA_APPID}&secret=${OA_SECRET}`)).json()) as { access_token?: string; errmsg?: string };
  if (!token.access_token) throw new Error(`access token refused: ${token.errmsg}`);
  const result = await (await fetch(`https://api.weixin.qq.com/cgi-bin/menu/create?access_token=${token.access_token}`, { method: 'POST', body: JSON.stringify(MENU) })).json();
  console.log('menu/create:', JSON.stringify(result));
} else {
  console.log('(set OA_APPID, OA_SECRET and MINIPROGRAM_APPID to post it to WeChat)');
}
