/**
 * In-memory stand-ins for the ports the use cases ask for, with the repositories' contracts (the
 * conditions DynamoDB enforces there are enforced here the same way), and factories for entities.
 * Typed by the port interfaces — no casts: a fake that drifts from its port fails the type check.
 */
import type { Inbox, Members, Orders, GoodsShelf, Activities, MembershipReads, MembershipRequests, SubscribeMessages } from '../../../functions/src/usecases/ports';
import type { Notifier } from '../../../functions/src/usecases/notify';
import type { StoredGoods, StoredOrder } from '../../../functions/src/entities/mall';
import type { StoredActivity, StoredSignup } from '../../../functions/src/entities/activity';
import type { StoredJoinRequest } from '../../../functions/src/entities/membership-request';
import type { RoleGrant, UserProfile } from '../../../functions/src/entities/user';
import type { NewMessage } from '../../../functions/src/entities/message';
import type { AuditRecord } from '../../../functions/src/entities/audit';
import { AppError } from '../../../functions/src/lib/errors';

export const BEIJING_NOON = new Date('2026-11-24T04:00:00Z'); // 12:00 in China, 2026-11-24

export function member(overrides: Partial<UserProfile> = {}): UserProfile {
  return {
    id: 'u-member', openid: 'o-member', nickname: '张三', avatarUrl: '', balance: 100, ledgerSeq: 3, signInStreak: 0, createdAt: '2026-01-01T00:00:00Z',
    membership: { status: 'active', orgId: 'xa-yt-qy', orgName: '秦云工会', orgPath: '/sx/xa/xa-yt/xa-yt-qy/', memberNo: 'SX70000001' },
    ...overrides,
  };
}

export function goods(overrides: Partial<StoredGoods> = {}): StoredGoods {
  return {
    id: 'g-1', name: '保温杯', description: '', imageUrl: '', pointsPrice: 30, stock: 5, perMemberLimit: 2, orgId: 'xa', orgName: '西安市总工会',
    orgPath: '/sx/xa/', fulfilment: 'pickup', status: 'on_shelf', createdAt: '2026-11-01T09:00:00+08:00',
    ...overrides,
  };
}

/** Members with their cadre roles. */
export class FakeMembers implements Pick<Members, 'profile' | 'withRoles'> {
  constructor(public readonly users: Map<string, UserProfile> = new Map(), public readonly roles: Map<string, RoleGrant[]> = new Map()) {}
  async profile(userId: string) {
    const u = this.users.get(userId);
    return u && structuredClone(u);
  }
  async withRoles(userId: string) {
    const profile = await this.profile(userId);
    return profile && { profile, roles: this.roles.get(userId) ?? [] };
  }
}

/**
 * The mall with the redemption transaction's conditions: the Idempotency-Key once, stock and shelf,
 * the per-member limit, the balance as read (ledgerSeq) — all or nothing.
 */
export class FakeMall implements Pick<GoodsShelf & Orders, 'goods' | 'order' | 'idempotentResult' | 'redeem'> {
  readonly orders = new Map<string, StoredOrder>();
  readonly keys = new Map<string, { orderId: string; fingerprint: string }>();
  readonly counts = new Map<string, number>();
  /** Moves the balance under the use case's feet this many times (another posting won the race). */
  racesToLose = 0;
  constructor(readonly shelf: Map<string, StoredGoods>, readonly members: FakeMembers) {}
  async goods(id: string) {
    const g = this.shelf.get(id);
    return g && { ...g };
  }
  async order(id: string) {
    return this.orders.get(id);
  }
  async idempotentResult(userId: string, key: string) {
    return this.keys.get(`${userId}#${key}`);
  }
  async redeem(r: Parameters<Orders['redeem']>[0]) {
    const { order } = r;
    if (this.keys.has(`${order.userId}#${r.idempotencyKey}`)) return { outcome: 'replay' as const };
    const g = this.shelf.get(order.goodsId);
    if (!g) throw new AppError('NOT_FOUND', '商品不存在');
    if (g.status !== 'on_shelf') throw new AppError('INVALID_STATE', '商品已下架');
    if (g.stock < order.quantity) throw new AppError('OUT_OF_STOCK');
    const held = this.counts.get(`${order.userId}#${g.id}`) ?? 0;
    if (held + order.quantity > g.perMemberLimit) throw new AppError('LIMIT_REACHED');
    const user = this.members.users.get(order.userId)!;
    if (this.racesToLose > 0) {
      this.racesToLose--;
      user.balance += 5; // a sign-in posted meanwhile
      user.ledgerSeq += 1;
      return { outcome: 'stale' as const };
    }
    if (user.ledgerSeq !== r.state.ledgerSeq || user.balance < order.pointsSpent) return { outcome: 'stale' as const };
    g.stock -= order.quantity;
    this.counts.set(`${order.userId}#${g.id}`, held + order.quantity);
    user.balance -= order.pointsSpent;
    user.ledgerSeq += 1;
    this.keys.set(`${order.userId}#${r.idempotencyKey}`, { orderId: order.id, fingerprint: r.fingerprint });
    this.orders.set(order.id, order);
    return { outcome: 'ok' as const };
  }
}

/** An inbox that keeps what it was told; subscribe messages that are never consented to here. */
export class FakeInbox implements Pick<Inbox, 'add'> {
  readonly messages: { userId: string; message: NewMessage; at: Date }[] = [];
  async add(userId: string, message: NewMessage, at: Date) {
    this.messages.push({ userId, message, at });
    return String(this.messages.length);
  }
}
export function notifier(inbox: FakeInbox): Notifier {
  const subscribe: SubscribeMessages = { send: async () => ({ sent: true }) };
  return { messages: inbox, subscribe, reviewTemplateId: '' };
}

export function activity(overrides: Partial<StoredActivity> = {}): StoredActivity {
  return {
    id: 'a-1', title: '职工运动会', description: '', orgId: 'xa', orgName: '西安市总工会', orgPath: '/sx/xa/', location: '体育馆',
    startsAt: '2026-12-01T09:00:00+08:00', endsAt: '2026-12-01T17:00:00+08:00',
    signupOpensAt: '2026-11-20T09:00:00+08:00', signupClosesAt: '2026-11-30T18:00:00+08:00',
    capacity: 2, confirmedCount: 0, waitlistCount: 0, pointsReward: 0, waitlist: true, status: 'published', createdAt: '2026-11-10T09:00:00+08:00',
    ...overrides,
  };
}

/**
 * One activity's places and waiting list with the repository's conditions: a place while
 * confirmed < capacity, a ticket only on the list as read, promotion of the first in line on cancel.
 */
export class FakeActivities implements Pick<Activities, 'get' | 'signup' | 'signUpConfirmed' | 'signUpWaitlisted' | 'firstWaiting' | 'cancelConfirmed' | 'cancelWaitlisted'> {
  readonly signups = new Map<string, StoredSignup>();
  constructor(readonly a: StoredActivity) {}
  async get(id: string) {
    return id === this.a.id ? { ...this.a } : undefined;
  }
  async signup(_id: string, userId: string) {
    const s = this.signups.get(userId);
    return s && { ...s };
  }
  async signUpConfirmed(s: StoredSignup) {
    const mine = this.signups.get(s.userId);
    if (mine && mine.status !== 'cancelled') throw new AppError('ALREADY_SIGNED_UP');
    if (this.a.confirmedCount >= this.a.capacity) return 'full' as const;
    this.a.confirmedCount++;
    this.signups.set(s.userId, { ...s, status: 'confirmed' });
    return 'ok' as const;
  }
  async signUpWaitlisted(s: StoredSignup, read: { waitSeq: number; waitlistCount: number }) {
    const mine = this.signups.get(s.userId);
    if (mine && mine.status !== 'cancelled') throw new AppError('ALREADY_SIGNED_UP');
    if (this.a.confirmedCount < this.a.capacity || read.waitlistCount !== this.a.waitlistCount || read.waitSeq !== (this.a.waitSeq ?? 0)) return 'moved' as const;
    this.a.waitSeq = read.waitSeq + 1;
    this.a.waitlistCount++;
    this.signups.set(s.userId, { ...s, status: 'waitlisted', ticket: this.a.waitSeq });
    return 'ok' as const;
  }
  async firstWaiting() {
    const first = [...this.signups.values()].filter((s) => s.status === 'waitlisted').sort((x, y) => x.ticket! - y.ticket!)[0];
    return first && { ticket: first.ticket!, userId: first.userId };
  }
  async cancelConfirmed(s: StoredSignup, next: { ticket: number; userId: string } | undefined) {
    const mine = this.signups.get(s.userId);
    if (mine?.status !== 'confirmed' || mine.checkedInAt) throw new AppError('INVALID_STATE', '报名状态已变化，请刷新');
    const first = await this.firstWaiting();
    if (first?.userId !== next?.userId) return 'stale' as const;
    mine.status = 'cancelled';
    if (next) {
      this.signups.set(next.userId, { ...this.signups.get(next.userId)!, status: 'confirmed', ticket: undefined });
      this.a.waitlistCount--;
    } else {
      this.a.confirmedCount--;
    }
    return 'ok' as const;
  }
  async promoteFirst(_activityId: string, next: { ticket: number; userId: string }) {
    if (this.a.confirmedCount >= this.a.capacity) return 'full' as const;
    const waiter = this.signups.get(next.userId);
    if (waiter?.status !== 'waitlisted' || waiter.ticket !== next.ticket) return 'stale' as const;
    this.signups.set(next.userId, { ...waiter, status: 'confirmed', ticket: undefined });
    this.a.confirmedCount++;
    this.a.waitlistCount--;
    return 'ok' as const;
  }
  async cancelWaitlisted(s: StoredSignup & { ticket: number }) {
    const now = this.signups.get(s.userId);
    if (now?.status !== 'waitlisted' || now.ticket !== s.ticket) return 'stale' as const;
    this.signups.set(s.userId, { ...s, status: 'cancelled' });
    this.a.waitlistCount--;
    return 'ok' as const;
  }
}

export function joinRequest(overrides: Partial<StoredJoinRequest> = {}): StoredJoinRequest {
  return {
    id: 'j-1', userId: 'u-applicant', status: 'pending', orgId: 'xa-yt-qy', orgName: '秦云工会', orgPath: '/sx/xa/xa-yt/xa-yt-qy/',
    nameEnc: 'x', idNumberEnc: 'x', phoneEnc: 'x', idHash: 'h', nameMasked: '张*', idNumberMasked: '6101**********1234', phoneMasked: '138****0000',
    employer: '秦云软件', notifyConsent: false, createdAt: '2026-11-23T10:00:00+08:00',
    ...overrides,
  };
}

/** Join requests decided once: a second decision finds the request no longer pending. */
export class FakeMembership implements Pick<MembershipReads & MembershipRequests, 'joinRequest' | 'nextMemberNo' | 'approveJoin'> {
  readonly audit: AuditRecord[] = [];
  private seq = 0;
  constructor(readonly requests: Map<string, StoredJoinRequest>, readonly members: FakeMembers) {}
  async joinRequest(id: string) {
    const r = this.requests.get(id);
    return r && { ...r };
  }
  async nextMemberNo() {
    return `SX${70_000_000 + ++this.seq}`;
  }
  async approveJoin(r: StoredJoinRequest, decision: { by: string; at: string; memberNo: string }, audit: AuditRecord) {
    const stored = this.requests.get(r.id)!;
    if (stored.status !== 'pending') throw new AppError('INVALID_STATE', '该申请已被处理');
    Object.assign(stored, { status: 'approved', decidedAt: decision.at, decidedBy: decision.by, memberNo: decision.memberNo });
    const user = this.members.users.get(r.userId)!;
    user.membership = { status: 'active', orgId: r.orgId, orgName: r.orgName, orgPath: r.orgPath, memberNo: decision.memberNo };
    this.audit.push(audit);
  }
}
