/**
 * The demo seed: a realistic union tree of 陕西省总工会 and the identities of api.md. Loaded once per
 * table (a `SEED/DEMO` marker put with attribute_not_exists); running it again changes nothing.
 * The process environment must name the table (TABLE_NAME, DYNAMODB_ENDPOINT) before this is imported.
 */
import { BatchWriteItemCommand, PutItemCommand, ConditionalCheckFailedException, type WriteRequest, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Org, OrgLevel } from '@union/shared/orgs';
import { dynamo, tableName } from '../../functions/src/lib/dynamo';
import { transact } from '../../functions/src/lib/transact';
import { orgWriteRequests } from '../../functions/src/repositories/orgs';
import { memberCountStep } from '../../functions/src/repositories/member-count';
import { ledgerPostingItems } from '../../functions/src/repositories/points';
import { newProfile, profileItem, unionidItem, type UserProfile } from '../../functions/src/repositories/users';
import { RolesRepository } from '../../functions/src/repositories/roles';
import { statsItems } from '../../functions/src/repositories/stats';
import { memberNoItem, openidItem } from '../../functions/src/entities/user';
import { MallRepository } from '../../functions/src/repositories/mall';
import { ActivitiesRepository } from '../../functions/src/repositories/activities';
import { ArticlesRepository } from '../../functions/src/repositories/articles';
import { sanitiseArticleBody } from '../../functions/src/lib/rich-text';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { recordItem } from '../../functions/src/repositories/roster';
import { sealRecord } from '../../functions/src/usecases/roster-records';

type Node = [id: string, name: string, level: OrgLevel, children?: Node[]];

/** 陕西省总工会 → 市/产业工会 → 县区工会 → 基层（企业）工会. Names of enterprises are fictitious. */
export const UNION_TREE: Node = ['sx', '陕西省总工会', 'province', [
  ['xa', '西安市总工会', 'city', [
    ['xa-yt', '雁塔区总工会', 'county', [
      ['xa-yt-qy', '陕西秦云软件有限公司工会', 'basic'],
      ['xa-yt-ca', '西安长安电子科技有限公司工会', 'basic'],
      ['xa-yt-dy', '西安大雁塔文化旅游发展有限公司工会', 'basic'],
    ]],
    ['xa-bl', '碑林区总工会', 'county', [
      ['xa-bl-zl', '西安钟楼百货有限公司工会', 'basic'],
      ['xa-bl-89', '西安市第八十九中学工会', 'basic'],
    ]],
    ['xa-wy', '未央区总工会', 'county', [
      ['xa-wy-hc', '陕西汉城汽车零部件有限公司工会', 'basic'],
      ['xa-wy-gt', '西安北客站枢纽物业服务有限公司工会', 'basic'],
    ]],
  ]],
  ['bj', '宝鸡市总工会', 'city', [
    ['bj-wb', '渭滨区总工会', 'county', [
      ['bj-wb-ql', '宝鸡秦岭机床有限公司工会', 'basic'],
      ['bj-wb-tj', '宝鸡钛金材料有限公司工会', 'basic'],
    ]],
    ['bj-jt', '金台区总工会', 'county', [['bj-jt-yd', '宝鸡渭水园林绿化有限公司工会', 'basic']]],
  ]],
  ['xy', '咸阳市总工会', 'city', [
    ['xy-qd', '秦都区总工会', 'county', [
      ['xy-qd-wh', '咸阳渭河纺织有限公司工会', 'basic'],
      ['xy-qd-yy', '咸阳秦都人民医院工会', 'basic'],
    ]],
  ]],
  ['yl', '榆林市总工会', 'city', [
    ['yl-sm', '神木市总工会', 'county', [['yl-sm-ny', '神木清源能源化工有限公司工会', 'basic']]],
    ['yl-yy', '榆阳区总工会', 'county', [['yl-yy-ms', '榆林塞上明珠商贸有限公司工会', 'basic']]],
  ]],
  ['hz', '汉中市总工会', 'city', [
    ['hz-ht', '汉台区总工会', 'county', [['hz-ht-ch', '汉中天汉茶业有限公司工会', 'basic']]],
  ]],
  ['jy', '陕西省教育工会', 'industry', [
    ['jy-xbsf', '西北示范大学工会', 'basic'],
    ['jy-sxzy', '陕西职业技术学院工会', 'basic'],
  ]],
  ['ny', '陕西省能源化学地质工会', 'industry', [
    ['ny-hl', '陕西黄陵煤业有限公司工会', 'basic'],
  ]],
]];

/** Flattens the tree into unions with materialised paths, parents before children. */
export function flattenTree(node: Node = UNION_TREE, parent?: Org): Org[] {
  const [id, name, level, children = []] = node;
  const org: Org = { id, name, level, parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${id}/` };
  return [org, ...children.flatMap((c) => flattenTree(c, org))];
}

interface DemoUser {
  name: string;
  nickname: string;
  orgId?: string;
  memberNo?: string;
  cadreOf?: string;
  points?: number;
}

/** The identities of api.md: `dev:<name>` logs in as openid `dev-<name>`. */
export const DEMO_USERS: DemoUser[] = [
  { name: 'cadre-province', nickname: '省总工会管理员', cadreOf: 'sx', orgId: 'jy-xbsf', memberNo: 'SX61000001', points: 50 },
  { name: 'cadre-xian', nickname: '西安市总工会管理员', cadreOf: 'xa', orgId: 'xa-bl-89', memberNo: 'SX61000002', points: 30 },
  { name: 'cadre-beilin', nickname: '碑林区总工会管理员', cadreOf: 'xa-bl', orgId: 'xa-bl-zl', memberNo: 'SX61000003', points: 20 },
  { name: 'cadre-baoji', nickname: '宝鸡市总工会管理员', cadreOf: 'bj', orgId: 'bj-wb-tj', memberNo: 'SX61000004', points: 20 },
  { name: 'member-1', nickname: '张晓明', orgId: 'xa-yt-qy', memberNo: 'SX61010001', points: 120 },
  { name: 'member-2', nickname: '李秀英', orgId: 'xa-yt-qy', memberNo: 'SX61010002', points: 60 },
  { name: 'member-3', nickname: '王建国', orgId: 'xa-yt-qy', memberNo: 'SX61010003', points: 300 },
  { name: 'member-bj', nickname: '赵宝鸡', orgId: 'bj-wb-ql', memberNo: 'SX61030001', points: 80 },
];

async function batchWrite(requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: WriteRequest[] | undefined = requests.slice(i, i + 25);
    while (pending && pending.length) {
      const out: { UnprocessedItems?: Record<string, WriteRequest[]> } = await dynamo().send(new BatchWriteItemCommand({ RequestItems: { [tableName()]: pending } }));
      pending = out.UnprocessedItems?.[tableName()];
    }
  }
}

/** Loads the demo seed unless this table already has it. */
export async function seedDemo(now = new Date()): Promise<'seeded' | 'already-seeded'> {
  try {
    await dynamo().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: { PK: { S: 'SEED' }, SK: { S: 'DEMO' }, entity: { S: 'Seed' }, version: { N: '1' }, at: { S: now.toISOString() } },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'already-seeded';
    throw error;
  }
  const orgs = flattenTree();
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const siblings = new Map<string | null, number>();
  // Closing a union trusts its counters: every child written is an open child of its parent.
  const childCount = (id: string) => orgs.filter((c) => c.parentId === id).length;
  await batchWrite(
    orgs.flatMap((o) => {
      const order = siblings.get(o.parentId) ?? 0;
      siblings.set(o.parentId, order + 1);
      return orgWriteRequests(o, order, { openChildren: childCount(o.id) });
    }),
  );

  for (const u of DEMO_USERS) {
    const org = u.orgId ? byId.get(u.orgId) : undefined;
    const profile: UserProfile = {
      ...newProfile(`u-${u.name}`, `dev-${u.name}`, `dev-union-${u.name}`, now),
      nickname: u.nickname,
      membership: org ? { status: 'active', orgId: org.id, orgName: org.name, orgPath: org.path, memberNo: u.memberNo } : { status: 'none' },
    };
    const items: TransactWriteItem[] = [
      { Put: { TableName: tableName(), Item: openidItem(profile.openid, profile.id) } },
      { Put: { TableName: tableName(), Item: profileItem(profile) } },
      { Put: { TableName: tableName(), Item: unionidItem(profile.unionid!, profile.id) } },
    ];
    if (org) {
      items.push({ Put: { TableName: tableName(), Item: memberNoItem(u.memberNo!, profile.id) } });
      items.push(...statsItems(org.path, chinaDay(now), { newMembers: 1 }));
      items.push(memberCountStep(org.id, 1).item);
    }
    await transact(items);
    if (u.cadreOf) {
      const scope = byId.get(u.cadreOf)!;
      await new RolesRepository().appoint(profile.id, { role: 'cadre', orgId: scope.id, orgName: scope.name, orgPath: scope.path });
    }
    if (u.points) {
      const { steps: posting } = ledgerPostingItems(
        { id: profile.id, balance: 0, ledgerSeq: 0, signInStreak: 0 },
        { delta: u.points, reason: '开通积分账户赠送', refType: 'adjustment', refId: 'welcome', at: now },
      );
      await transact(posting);
    }
  }
  // The union's roster (工会会员实名制): members not yet in the app, to show 会员认证.
  const rosterOrg = byId.get('xa-yt-qy')!;
  await batchWrite(DEMO_ROSTER.map((r, i) => ({ PutRequest: { Item: recordItem({ ...sealRecord({ row: i + 2, ...r, orgId: rosterOrg.id }, rosterOrg, chinaIso(now), 'seed'), importResult: 'created' }) } })));
  await transact(statsItems(rosterOrg.path, chinaDay(now), { rosterRecords: DEMO_ROSTER.length }));

  const mall = new MallRepository();
  for (const [i, g] of DEMO_GOODS.entries()) {
    const org = byId.get(g.orgId)!;
    await mall.createGoods({
      id: `demo-goods-${i + 1}`, imageUrl: '', status: 'on_shelf', ...g, orgName: org.name, orgPath: org.path,
      createdAt: chinaIso(new Date(now.getTime() - i * 60_000)),
    });
  }
  const activities = new ActivitiesRepository();
  const at = (days: number, hour: number) => {
    const d = new Date(now.getTime() + days * 86_400_000);
    return chinaIso(new Date(`${chinaIso(d).slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+08:00`));
  };
  for (const [i, a] of DEMO_ACTIVITIES.entries()) {
    const org = byId.get(a.orgId)!;
    await activities.create({
      id: `demo-activity-${i + 1}`, title: a.title, description: a.description, orgId: org.id, orgName: org.name, orgPath: org.path, location: a.location,
      startsAt: at(a.startDay, a.startHour), endsAt: at(a.startDay, a.endHour), signupOpensAt: at(-3, 9),
      // Today's activity takes signups until it ends (so the demo can sign up and check in today).
      signupClosesAt: a.startDay === 0 ? at(0, a.endHour) : at(a.startDay, a.startHour),
      capacity: a.capacity, confirmedCount: 0, waitlistCount: 0, checkedInCount: 0, pointsReward: a.pointsReward, waitlist: true, status: 'published',
      createdAt: chinaIso(new Date(now.getTime() - i * 60_000)),
    });
  }
  const articles = new ArticlesRepository();
  for (const [i, a] of DEMO_ARTICLES.entries()) {
    const org = byId.get(a.orgId)!;
    const at = chinaIso(new Date(now.getTime() - (i + 1) * 3_600_000));
    await articles.create({
      id: `demo-article-${i + 1}`, kind: a.kind, title: a.title, summary: a.summary, body: sanitiseArticleBody(a.body), orgId: org.id, orgName: org.name,
      orgPath: org.path, status: 'published', pinned: a.pinned, publishedAt: at, readPoints: 2, createdAt: at, updatedAt: at, rev: 1,
    });
  }
  return 'seeded';
}

/** Demo 资讯: the province's are public (the home banner shows the pinned ones), the rest follow the chain. */
export const DEMO_ARTICLES = [
  {
    kind: 'news' as const, orgId: 'sx', pinned: true, title: '全省职工“技能强省”劳动竞赛启动',
    summary: '竞赛覆盖装备制造、能源化工、现代服务等 12 个行业，优胜者可获“陕西省五一劳动奖章”推荐资格。',
    body: '<p>近日，陕西省总工会启动 2026 年全省职工“技能强省”劳动竞赛。</p><h3>竞赛安排</h3><ul><li>报名：各基层工会统一组织</li><li>初赛：各市、产业工会分别举办</li><li>决赛：省总工会集中举办</li></ul><p>详情请咨询所在基层工会。</p>',
  },
  {
    kind: 'notice' as const, orgId: 'sx', pinned: false, title: '关于开展 2026 年度困难职工帮扶工作的通知',
    summary: '请各级工会做好困难职工家庭摸底建档，确保帮扶资金按时足额发放。',
    body: '各市总工会、各产业工会：\n\n为做好年度困难职工帮扶工作，现就有关事项通知如下。符合条件的职工可向所在基层工会提出申请，由基层工会审核后逐级上报。\n\n陕西省总工会',
  },
  {
    kind: 'news' as const, orgId: 'xa', pinned: true, title: '西安市总工会“冬送温暖”活动走进一线',
    summary: '为环卫、快递、外卖等一线职工送去棉衣、手套和慰问金。',
    body: '<p>西安市总工会近日开展“冬送温暖”活动，走访慰问一线职工 3000 余人次。</p><blockquote>“工会就是职工的娘家。”</blockquote>',
  },
  {
    kind: 'news' as const, orgId: 'bj', pinned: false, title: '宝鸡市举办职工迎新春长跑',
    summary: '千余名职工参加，沿渭河公园跑完 5 公里。',
    body: '宝鸡市总工会举办职工迎新春长跑活动，千余名职工参加。',
  },
];

/**
 * Unbound roster records of 陕西秦云软件有限公司工会 (fictitious people, valid 身份证号): any new identity,
 * e.g. `dev:newcomer`, becomes a member by 会员认证 with one of them (README, "Demo identities").
 */
export const DEMO_ROSTER = [
  { name: '陈思远', idNumber: '610113199203154512', phone: '13991230001', memberNo: 'SX61010101', joinedOn: '2016-05-04' },
  { name: '刘雨桐', idNumber: '610113198806073020', phone: '13991230002', memberNo: 'SX61010102', joinedOn: '2012-03-08' },
  { name: '杨志强', idNumber: '610113199508211637', memberNo: 'SX61010103', joinedOn: '2019-09-10' },
  { name: '赵文静', idNumber: '610113199011022849' },
  { name: '孙浩然', idNumber: '610113199704190052' },
];

/** Demo activities relative to the seed day (the first one takes place all day today, for check-in). */
export const DEMO_ACTIVITIES = [
  { title: '秦云读书分享会', description: '每月一次的职工读书会，本期主题《平凡的世界》。现场扫码签到可得积分。', orgId: 'xa-yt-qy', location: '秦云大厦 3 楼职工书屋', startDay: 0, startHour: 0, endHour: 23, capacity: 30, pointsReward: 10 },
  { title: '冬季职工健步走', description: '沿城墙步行 6 公里，完成可得纪念徽章。', orgId: 'xa', location: '西安城墙永宁门', startDay: 5, startHour: 9, endHour: 12, capacity: 200, pointsReward: 20 },
  { title: '全省职工书法摄影展', description: '展出全省职工书法、摄影作品 300 余件。', orgId: 'sx', location: '陕西省工人文化宫', startDay: 10, startHour: 9, endHour: 17, capacity: 500, pointsReward: 5 },
];

/** Demo goods on the chain of the demo members (province → 西安 → 秦云). */
export const DEMO_GOODS = [
  { name: '工会定制保温杯', description: '316 不锈钢真空保温杯，500 毫升，印有“陕西工会”标识。', pointsPrice: 200, stock: 100, perMemberLimit: 2, orgId: 'sx', fulfilment: 'pickup' as const },
  { name: '职工书屋借阅卡', description: '全省职工书屋通用，一年有效。', pointsPrice: 50, stock: 500, perMemberLimit: 1, orgId: 'sx', fulfilment: 'pickup' as const },
  { name: '西安城墙景区门票', description: '永宁门入口兑换，限工作日使用。', pointsPrice: 120, stock: 30, perMemberLimit: 2, orgId: 'xa', fulfilment: 'pickup' as const },
  { name: '秦云食堂午餐券', description: '公司食堂任意一餐，当月有效。', pointsPrice: 30, stock: 200, perMemberLimit: 5, orgId: 'xa-yt-qy', fulfilment: 'pickup' as const },
  { name: '宝鸡秦岭机床工装手套', description: '劳保手套一副。', pointsPrice: 20, stock: 100, perMemberLimit: 5, orgId: 'bj-wb-ql', fulfilment: 'pickup' as const },
];
