/**
 * What the use cases need from storage and the outside world, named in the domain. Use cases import
 * these interfaces (and entity types), never a repository module; each function's composition root (its
 * handler module) passes the repositories and adapters that implement them, and a use-case test passes
 * fakes. Only repositories speak DynamoDB.
 */
import type { LedgerEntry } from '@union/shared/points';
import type { Message } from '@union/shared/messages';
import type { Org } from '@union/shared/orgs';
import type { OrderStatus } from '@union/shared/mall';
import type { AuditEntry, AuditRecord } from '../entities/audit';
import type { StoredActivity, StoredSignup } from '../entities/activity';
import type { FavoriteKind, StoredFavorite } from '../entities/favorite';
import type { PointsState, Posting, SignInRecord } from '../entities/ledger';
import type { Lot } from '../entities/lot';
import type { StoredGoods, StoredOrder } from '../entities/mall';
import type { RequestKind, RequestStatus, StoredJoinRequest, StoredTransferRequest } from '../entities/membership-request';
import type { NewMessage } from '../entities/message';
import type { DailyStats } from '../entities/stats';
import type { StoredOrg } from '../entities/org';
import type { StoredOrgApplication } from '../entities/org-application';
import type { CadreOfOrg, RoleGrant, UserProfile, UserWithRoles } from '../entities/user';

export type { SubscribeMessages } from '../adapters/subscribe-messages';
export type { OfficialAccountUsers } from '../adapters/official-account-users';
export type { WechatSessions } from '../adapters/wechat-session';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
/** An optimistic write lost to a concurrent one: read again and decide again (within the retry budget). */
export type Stale = { outcome: 'stale' };

/** Users: profiles, their cadre roles, the WeChat identities that point at them. */
export interface Members {
  profile(userId: string): Promise<UserProfile | undefined>;
  withRoles(userId: string): Promise<UserWithRoles | undefined>;
  idByOpenid(openid: string): Promise<string | undefined>;
  idByUnionid(unionid: string): Promise<string | undefined>;
  idByMemberNo(memberNo: string): Promise<string | undefined>;
  /** Creates the user and their openid mapping; a concurrent first login's user wins. */
  createForOpenid(profile: UserProfile): Promise<string>;
  update(userId: string, fields: Partial<Pick<UserProfile, 'nickname' | 'avatarUrl'>> & { lastScene?: number; lastLoginAt?: string }): Promise<void>;
  recordVisit(userId: string, orgPath: string | undefined, day: string, fromMenu: boolean): Promise<void>;
}

/** The union tree. */
export interface Unions {
  get(orgId: string): Promise<Org | undefined>;
  getMany(orgIds: string[]): Promise<Org[]>;
  children(parentId: string | null, limit: number, cursor?: string): Promise<Page<Org>>;
  search(q: string, limit: number, cursor?: string): Promise<Page<Org>>;
}

/** Changing the union tree: create, rename and close (撤销), each one transaction, audited. */
export interface UnionTree extends Unions {
  /** A union with its counters, read consistently. */
  stored(orgId: string): Promise<StoredOrg | undefined>;
  /** True when a sibling under that parent already has this name (after normalisation). */
  nameTaken(parentId: string, name: string): Promise<boolean>;
  /** Under an open parent, the name unique among siblings (NAME_TAKEN). */
  create(org: Org, audit: AuditRecord): Promise<void>;
  rename(org: Org, name: string, audit: AuditRecord): Promise<void>;
  /** Only with no active members and no open children (NOT_EMPTY), decided by condition. */
  close(org: Org, audit: AuditRecord): Promise<void>;
}

/** 建会 applications: filed once per enterprise at a time, decided once. */
export interface OrgApplications {
  get(id: string): Promise<StoredOrgApplication | undefined>;
  file(a: StoredOrgApplication): Promise<void>;
  /** pending → approved, the union founded and the applicant its first cadre: all or nothing. */
  approve(a: StoredOrgApplication, org: Org, decision: { by: string; at: string; now: Date }, audit: AuditRecord): Promise<void>;
  reject(a: StoredOrgApplication, decision: { by: string; at: string; reason: string }, audit: AuditRecord): Promise<void>;
  byUser(userId: string, limit: number, cursor?: string): Promise<Page<StoredOrgApplication>>;
  queue(status: RequestStatus, orgId: string, limit: number, cursor?: string): Promise<Page<StoredOrgApplication>>;
}

/** Cadre roles of the unions. */
export interface Cadres {
  cadresOf(orgId: string): Promise<CadreOfOrg[]>;
  appoint(userId: string, role: RoleGrant, audit?: AuditRecord): Promise<void>;
  /** Only while the union has no cadre; false otherwise. */
  appointFirst(userId: string, role: RoleGrant): Promise<boolean>;
  remove(userId: string, orgId: string, keepOne: boolean, audit: AuditRecord): Promise<void>;
}

/** The points ledger: balance = sum of entries, every posting guarded by the balance as read. */
export interface Ledger {
  state(userId: string, opts?: { lots?: boolean }): Promise<PointsState | undefined>;
  /** The lots that still hold points, oldest first. */
  lots(userId: string): Promise<Lot[]>;
  recordSignIn(state: PointsState, s: SignInRecord): Promise<{ outcome: 'ok'; entry: LedgerEntry } | Stale>;
  adjust(state: PointsState, posting: Posting, memberOrgPath: string, audit: AuditRecord): Promise<{ outcome: 'ok'; entry: LedgerEntry } | Stale>;
  signInDays(userId: string, month: string): Promise<string[]>;
  /** How many days of a `YYYY-MM` month were made up (补签). */
  makeUpsUsed(userId: string, month: string): Promise<number>;
  makeUp(state: PointsState, m: { day: string; cost: number; reward: number; perMonth: number; streak: number; lastSignInDay: string; at: Date }): Promise<{ outcome: 'ok'; entry: LedgerEntry } | Stale>;
  summary(userId: string): Promise<{ balance: number; expiring: Array<{ points: number; on: string }> } | undefined>;
  ledger(userId: string, limit: number, cursor?: string): Promise<Page<LedgerEntry>>;
}

/** The shelf: goods, their stock and where they are offered. */
export interface GoodsShelf {
  /** With the stock shown (hot goods: the sum of the shards) unless `shardStock: false`. */
  goods(id: string, read?: { eventual?: boolean; shardStock?: boolean }): Promise<StoredGoods | undefined>;
  createGoods(g: StoredGoods, audit?: AuditRecord): Promise<void>;
  updateGoods(id: string, fields: Record<string, unknown>, stockDelta: number | undefined, audit: AuditRecord): Promise<void>;
  /** On-shelf goods of these unions merged newest first; the cursor is bound to `owner`. */
  onShelfOfOrgs(orgIds: string[], limit: number, cursor: string | undefined, owner: string): Promise<Page<StoredGoods>>;
  goodsInScope(orgId: string, limit: number, cursor?: string): Promise<Page<StoredGoods>>;
}

/** Orders: redemption, cancellation and pickup (核销), each one transaction. */
export interface Orders {
  order(id: string): Promise<StoredOrder | undefined>;
  orderIdByPickupCode(code: string): Promise<string | undefined>;
  idempotentResult(userId: string, key: string): Promise<{ orderId: string; fingerprint: string } | undefined>;
  redeem(r: { state: PointsState; order: StoredOrder; goods: StoredGoods; idempotencyKey: string; fingerprint: string; memberOrgPath: string; at: Date }): Promise<{ outcome: 'ok' } | { outcome: 'replay' } | Stale | { outcome: 'shard empty'; left: number }>;
  cancel(order: StoredOrder, state: PointsState, at: Date, cancelledAt: string): Promise<'ok' | 'stale'>;
  verify(order: StoredOrder, fulfilledAt: string, audit: AuditRecord): Promise<void>;
  ordersOfUser(userId: string, limit: number, cursor?: string): Promise<Page<StoredOrder>>;
  ordersInScope(status: OrderStatus, orgId: string, limit: number, cursor?: string): Promise<Page<StoredOrder>>;
}

export type Mall = GoodsShelf & Orders;

/** Reading activities. */
export interface ActivityListings {
  get(id: string): Promise<StoredActivity | undefined>;
  many(ids: string[]): Promise<StoredActivity[]>;
  ofOrg(orgId: string, limit: number): Promise<StoredActivity[]>;
  inScope(orgId: string, limit: number, cursor?: string): Promise<Page<StoredActivity>>;
}

/** Activities with their places, waiting lists and check-ins. */
export interface Activities extends ActivityListings {
  signup(id: string, userId: string): Promise<StoredSignup | undefined>;
  signups(id: string): Promise<StoredSignup[]>;
  signupsOfUser(userId: string, limit: number, cursor?: string): Promise<Page<StoredSignup>>;
  create(a: StoredActivity, audit?: AuditRecord): Promise<void>;
  update(id: string, fields: Record<string, unknown>, audit: AuditRecord): Promise<void>;
  cancelActivity(id: string, audit: AuditRecord): Promise<void>;
  signUpConfirmed(s: StoredSignup, nowIso: string): Promise<'ok' | 'full'>;
  signUpWaitlisted(s: StoredSignup, read: { waitSeq: number; waitlistCount: number }, nowIso: string): Promise<'ok' | 'moved'>;
  firstWaiting(id: string): Promise<{ ticket: number; userId: string } | undefined>;
  /** Gives a free place to the earliest waiter; `full` when there is none, `stale` when they moved. */
  promoteFirst(activityId: string, next: { ticket: number; userId: string }): Promise<'ok' | 'full' | 'stale'>;
  positionOf(id: string, ticket: number): Promise<number>;
  cancelConfirmed(s: StoredSignup, next: { ticket: number; userId: string } | undefined): Promise<'ok' | 'stale'>;
  /** `stale` when the signup is no longer that waitlisted ticket (promoted meanwhile): read it again. */
  cancelWaitlisted(s: StoredSignup & { ticket: number }): Promise<'ok' | 'stale'>;
  /** `day`: the China day's bounds [from, until) the activity must overlap, and it must still be published. */
  checkIn(s: StoredSignup, state: PointsState | undefined, reward: { points: number; title: string }, at: Date, atIso: string, day: { from: string; until: string }): Promise<'ok' | 'stale'>;
}

/** Reading join and transfer requests. */
export interface MembershipReads {
  joinRequest(id: string): Promise<StoredJoinRequest | undefined>;
  transferRequest(id: string): Promise<StoredTransferRequest | undefined>;
  byUser<T>(kind: RequestKind, userId: string, limit: number, cursor?: string): Promise<Page<T>>;
  queue<T>(kind: RequestKind, status: RequestStatus, orgId: string, limit: number, cursor?: string): Promise<Page<T>>;
}

/** Join and transfer requests: filed, then decided once. */
export interface MembershipRequests extends MembershipReads {
  fileJoinRequest(r: StoredJoinRequest): Promise<void>;
  nextMemberNo(): Promise<string>;
  approveJoin(r: StoredJoinRequest, decision: { by: string; at: string; memberNo: string }, audit: AuditRecord): Promise<void>;
  rejectJoin(r: StoredJoinRequest, decision: { by: string; at: string; reason: string }, audit: AuditRecord): Promise<void>;
  fileTransfer(r: StoredTransferRequest): Promise<void>;
  approveTransfer(r: StoredTransferRequest, decision: { by: string; at: string }, audit: AuditRecord): Promise<void>;
  rejectTransfer(r: StoredTransferRequest, decision: { by: string; at: string; reason: string }, audit: AuditRecord): Promise<void>;
}

/** A member's inbox. */
export interface Inbox {
  add(userId: string, message: NewMessage, at: Date): Promise<string>;
  list(userId: string, limit: number, cursor?: string): Promise<Page<Message> & { unread: number }>;
  markRead(userId: string, messageId: string): Promise<void>;
  markAllRead(userId: string, at: Date): Promise<void>;
}

export interface Favorites {
  add(userId: string, f: StoredFavorite): Promise<void>;
  remove(userId: string, kind: FavoriteKind, id: string): Promise<void>;
  list(userId: string, limit: number, cursor?: string): Promise<Page<StoredFavorite>>;
}

/** Articles as favourites see them (repositories/articles.ts). */
export interface ArticleLookup {
  get(id: string): Promise<{ title: string; status: 'draft' | 'published' } | undefined>;
}

/** The audit log: written with each cadre action, read by scope. */
export interface AuditLog {
  write(record: AuditRecord): Promise<void>;
  ofScope(orgId: string, q: { from?: string; to?: string; action?: string; actorUserId?: string; limit: number; cursor?: string }): Promise<Page<AuditEntry>>;
}

/** Daily counters and queue sizes for the cadres' overview. */
export interface Statistics {
  dailyStats(orgId: string, from: string, to: string): Promise<DailyStats[]>;
  memberCount(orgId: string, through: string): Promise<number>;
  /** Roster records (bound or not) of the subtree through a China day. */
  rosterCount(orgId: string, through: string): Promise<number>;
  pendingJoins(orgId: string): Promise<number>;
  pendingTransfers(orgId: string): Promise<number>;
  awaitingPickup(orgId: string): Promise<number>;
}

/** Official-account pushes WeChat may deliver more than once: each handled once. */
export interface PushClaims {
  claim(key: string, now: Date): Promise<boolean>;
  release(key: string): Promise<void>;
  /** Claims a signed request URL (timestamp + nonce) for `windowSeconds`; false when already used. */
  claimSignedRequest(timestamp: string, nonce: string, windowSeconds: number, now: Date): Promise<boolean>;
}

/** 注销: the account's own last steps (its open orders, signups and requests are settled by their use cases first). */
export interface Accounts {
  /**
   * A membership that came from an approved join request (no roster binding) ends: the 身份证号 and
   * member-number indexes are freed and the union counts one member fewer — one transaction, audited.
   */
  leave(p: { userId: string; idHash?: string; membership: { orgId: string; orgPath: string; memberNo: string }; day: string }, audit: AuditRecord): Promise<void>;
  /**
   * The account closes, on the condition that it is as read (no membership, same ledger): profile and
   * WeChat mappings gone, leftover points lapse by a ledger entry, a closed marker kept beside the ledger.
   */
  close(p: { profile: UserProfile; at: Date; erase: ErasePlan }, audit: AuditRecord): Promise<'closed' | 'stale'>;
  /**
   * Erases what is left of a closed account's personal data: its partition but the ledger, its name in
   * signups and requests, the contact of its 建会 applications, messages recorded for its openid. Idempotent;
   * done, it clears the plan that `close` left on the closed marker.
   */
  erase(p: { userId: string } & ErasePlan): Promise<void>;
  /** Closed accounts whose erase never finished (the request died between close and erase), oldest first. */
  pendingErasures(closedBefore: string, limit: number): Promise<({ userId: string } & ErasePlan)[]>;
}

/** What `erase` needs once the profile is gone: kept on the closed marker until the erase is done. */
export interface ErasePlan {
  openid: string;
  signups: { activityId: string }[];
  joinRequestIds: string[];
  transferRequestIds: string[];
  orgApplicationIds: string[];
}
