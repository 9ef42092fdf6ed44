/** The owner's copy of everything stored about them (个人信息保护法); docs/design.md → "Export and 注销". */
import type { AccountExport } from '@union/shared/account-export';
import { chinaIso } from '@union/shared/china-day';
import { AppError } from '../lib/errors';
import { decryptPii } from '../lib/pii';
import type { StoredJoinRequest, StoredTransferRequest } from '../entities/membership-request';
import type { RosterBindings } from '../repositories/roster-bindings';
import type { Activities, Favorites, Inbox, Ledger, Mall, Members, MembershipReads, OrgApplications } from './ports';
import { orderView } from './mall';
import { ownerView as joinOwnerView } from './join';
import { transferView } from './transfer';
import { orgApplicationOwnerView } from './org-applications';
import { toMe } from './me';
import { all } from './pages';

export interface AccountExportDeps {
  users: Pick<Members, 'withRoles'>;
  points: Pick<Ledger, 'ledger'>;
  mall: Pick<Mall, 'ordersOfUser'>;
  activities: Pick<Activities, 'signupsOfUser' | 'many'>;
  membership: Pick<MembershipReads, 'byUser'>;
  applications: Pick<OrgApplications, 'byUser'>;
  inbox: Pick<Inbox, 'list'>;
  favorites: Pick<Favorites, 'list'>;
  roster: Pick<RosterBindings, 'boundRecordOf' | 'record'>;
}

const gone = () => new AppError('UNAUTHENTICATED', '账号已注销，请重新登录');

/**
 * Everything stored about me, my personal data in full: profile, membership, cadre roles, the roster
 * record I am bound to (decrypted), ledger, orders, signups, join/transfer/建会 requests, messages and
 * favourites — each listing read to its end.
 */
export async function exportMyData(deps: AccountExportDeps, userId: string, now: Date): Promise<AccountExport> {
  const found = await deps.users.withRoles(userId);
  if (!found) throw gone();
  const me = toMe(found, now);
  const [ledger, orders, signups, joins, transfers, applications, messages, favorites, idHash] = await Promise.all([
    all((l, c) => deps.points.ledger(userId, l, c)),
    all((l, c) => deps.mall.ordersOfUser(userId, l, c)),
    all((l, c) => deps.activities.signupsOfUser(userId, l, c)),
    all((l, c) => deps.membership.byUser<StoredJoinRequest>('join', userId, l, c)),
    all((l, c) => deps.membership.byUser<StoredTransferRequest>('transfer', userId, l, c)),
    all((l, c) => deps.applications.byUser(userId, l, c)),
    all((l, c) => deps.inbox.list(userId, l, c)),
    all((l, c) => deps.favorites.list(userId, l, c)),
    deps.roster.boundRecordOf(userId),
  ]);
  const record = idHash ? await deps.roster.record(idHash) : undefined;
  const titles = new Map((await deps.activities.many([...new Set(signups.map((s) => s.activityId))])).map((a) => [a.id, a.title]));
  const p = found.profile;
  return {
    exportedAt: chinaIso(now),
    profile: {
      id: p.id, nickname: p.nickname, avatarUrl: p.avatarUrl, createdAt: p.createdAt, membership: me.membership,
      points: me.points, signIn: { streak: p.signInStreak, ...(p.lastSignInDay ? { lastDay: p.lastSignInDay } : {}) },
    },
    roles: me.roles,
    roster: record
      ? {
          orgId: record.orgId, orgName: record.orgName, name: decryptPii(record.nameEnc), idNumber: decryptPii(record.idNumberEnc),
          ...(record.phoneEnc ? { phone: decryptPii(record.phoneEnc) } : {}),
          ...(record.memberNo ? { memberNo: record.memberNo } : {}), ...(record.joinedOn ? { joinedOn: record.joinedOn } : {}),
        }
      : null,
    ledger,
    orders: orders.map(orderView),
    signups: signups.map((s) => ({
      activityId: s.activityId, activityTitle: titles.get(s.activityId) ?? '（活动已删除）', status: s.status, signedUpAt: s.signedUpAt,
      ...(s.checkedInAt ? { checkedInAt: s.checkedInAt } : {}),
    })),
    joinRequests: joins.map((r) => joinOwnerView(r, now)),
    transferRequests: transfers.map((r) => transferView(r, now)),
    orgApplications: applications.map(orgApplicationOwnerView),
    messages,
    favorites: favorites.map((f) => ({ kind: f.kind, id: f.id, createdAt: f.createdAt })),
  };
}

