/**
 * The points ledger and sign-ins. A user's balance lives on their profile item beside `ledgerSeq`, the
 * number of their last ledger entry. Every balance change is one transaction that (a) moves the balance
 * and bumps ledgerSeq on the condition that ledgerSeq is still what was read, and (b) puts ledger entry
 * ledgerSeq+1 with the exact balance after it. So balance = sum of entries always, and a stale read can
 * never write a wrong `balanceAfter`: its transaction is cancelled and the caller reads again.
 */
import { GetItemCommand, QueryCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { LedgerEntry } from '@union/shared/points';
import { dynamo, tableName } from '../lib/dynamo';
import type { Ledger } from '../usecases/ports';
import { AppError } from '../lib/errors';
import { decodeCursor, encodeCursor } from '../lib/cursor';
import { step, transact, type Step } from '../lib/transact';
import { LEDGER_PREFIX, ledgerSk, makeUpCountSk, PROFILE_SK, SIGNIN_PREFIX, signInSk, userItemKey, userKey, userPk } from '../entities/user';
import { statsItems } from './stats';
import { auditItems } from './audit';
import type { AuditRecord } from '../entities/audit';
import { chinaDay, chinaIso } from '@union/shared/china-day';
import { expiryRule } from '../config';
import { expiringPk, expiryDay, expiryShard, lotKey, LOT_PREFIX, maxOpenLots, type ExpiryRule, type Lot, type LotMoves } from '../entities/lot';
import { tagOnCreate } from '../entities/tags';

export type { PointsState, Posting, SignInRecord } from '../entities/ledger';
import type { PointsState, Posting, SignInRecord } from '../entities/ledger';
import { queryAll } from './query-pages';

/** An extra condition on the user's profile for one posting (e.g. "still an active member of X"). */
export interface PostingGuard {
  expression: string;
  names?: Record<string, string>;
  values: Record<string, unknown>;
}

/**
 * Which lots a posting moves (entities/lot.ts), against `lots` as they stand before it (updated in place):
 * - a grant goes to the lot of the day its points will expire (the expiry rule applied to today);
 * - a spend takes from the oldest lots first;
 * - a refund goes back to the lots its spend took from, while they are unexpired (their day is today or
 *   later); what came from a lot whose day has passed counts as earned today (docs/design.md: a refund
 *   never loses points to an expiry that happened while the order was open);
 * - an expiry empties its one lot.
 */
function lotMoves(lots: Map<string, number>, posting: Posting, rule: ExpiryRule): LotMoves {
  const today = chinaDay(posting.at);
  const moves: LotMoves = {};
  const move = (on: string, n: number) => {
    moves[on] = (moves[on] ?? 0) + n;
    lots.set(on, (lots.get(on) ?? 0) + n);
  };
  if (posting.expires) {
    move(posting.expires, posting.delta);
  } else if (posting.delta > 0) {
    let left = posting.delta;
    for (const [on, n] of Object.entries(posting.returns ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
      const back = Math.min(-n, left);
      if (back <= 0) continue;
      move(on >= today ? on : expiryDay(today, rule), back);
      left -= back;
    }
    if (left > 0) move(expiryDay(today, rule), left);
  } else {
    let need = -posting.delta;
    for (const on of [...lots.keys()].sort()) {
      const take = Math.min(lots.get(on)!, need);
      if (take <= 0) continue;
      move(on, -take);
      need -= take;
    }
    // Σ lots = balance, so lots that cannot cover it mean the balance cannot either.
    if (need > 0) throw new AppError('INSUFFICIENT_POINTS');
  }
  return moves;
}

/** The one update of a lot in a posting's transaction: added to, taken from, or closed by expiry. */
function lotStep(userId: string, on: string, n: number, expires: boolean, at: Date): Step {
  const tag = tagOnCreate('PointsLot');
  const update = expires
    ? {
        // Expired: nothing left, out of the due index, and never again (the condition pins what it held).
        UpdateExpression: 'SET remaining = :zero, expired = :n, expiredAt = :at REMOVE GSI1PK, GSI1SK',
        ConditionExpression: 'remaining = :n AND attribute_not_exists(expiredAt)',
        ExpressionAttributeValues: marshall({ ':zero': 0, ':n': -n, ':at': chinaIso(at) }),
      }
    : n > 0
      ? {
          UpdateExpression: `ADD remaining :n SET expiresOn = :on, userId = :uid, GSI1PK = :gpk, GSI1SK = :uid, ${tag.set}`,
          ConditionExpression: 'attribute_not_exists(expiredAt)',
          ExpressionAttributeValues: marshall({ ':n': n, ':on': on, ':uid': userId, ':gpk': expiringPk(on, expiryShard(userId)), ...tag.values }),
        }
      : {
          UpdateExpression: 'SET remaining = remaining - :n',
          ConditionExpression: 'remaining >= :n AND attribute_not_exists(expiredAt)',
          ExpressionAttributeValues: marshall({ ':n': -n }),
        };
  // Failing means the lot changed since it was read (so did the balance): the caller reads again.
  return step(`lot ${on}`, { Update: { TableName: tableName(), Key: lotKey(userId, on), ...update } }, 'answer', { ledger: true });
}

/**
 * The transaction items of ledger postings against a balance read as `state`: the guarded balance update
 * (plus any extra SETs, e.g. the streak), one entry per posting, and one update per lot they move. A
 * deduction below zero fails the same condition. Other capabilities add their own items (stock, orders)
 * around these. Several postings (补签: its cost, then its reward) are entries seq+1, seq+2… of one
 * transaction; a lot they both move is updated once, by the net amount.
 * At most `maxOpenLots(rule) + 1` lots move (a spend can only take from unexpired lots; a refund adds
 * at most today's lot), so the expiry rule's own bound keeps a transaction far below 100 items.
 */
export function ledgerPostingItems(
  state: PointsState,
  postings: Posting | Posting[],
  extraSet: Record<string, unknown> = {},
  guard?: PostingGuard,
  rule: ExpiryRule = expiryRule(),
): { steps: Step[]; entry: LedgerEntry; entries: LedgerEntry[]; lots: LotMoves } {
  const list = Array.isArray(postings) ? postings : [postings];
  const lots = new Map((state.lots ?? []).map((l) => [l.expiresOn, l.remaining]));
  if (!state.lots && list.some((p) => p.delta < 0 && !p.expires)) throw new Error('a posting that takes points needs the lots read (state(userId, { lots: true }))');
  let balance = state.balance;
  let need = 0;
  const netLots: LotMoves = {};
  // A balance from before lots existed (no LOT items, or fewer than it): on its first read with lots the
  // gap becomes a lot as if earned today (docs/design.md), in this same transaction. A posting committed
  // between the profile and lots reads also shows as a gap, harmlessly: ledgerSeq cancels this one.
  const held = (state.lots ?? []).reduce((sum, l) => sum + l.remaining, 0);
  if (state.lots && state.balance > held) {
    const on = expiryDay(chinaDay(list[0].at), rule);
    lots.set(on, (lots.get(on) ?? 0) + state.balance - held);
    netLots[on] = state.balance - held;
  }
  const puts: Step[] = [];
  const entries = list.map((posting, i) => {
    const seq = state.ledgerSeq + i + 1;
    balance += posting.delta;
    need = Math.max(need, state.balance - balance);
    const moves = lotMoves(lots, posting, rule);
    for (const [on, n] of Object.entries(moves)) netLots[on] = (netLots[on] ?? 0) + n;
    const entry: LedgerEntry = {
      id: `${state.id}-${seq}`,
      delta: posting.delta,
      balanceAfter: balance,
      reason: posting.reason,
      refType: posting.refType,
      refId: posting.refId,
      createdAt: chinaIso(posting.at),
    };
    puts.push(step('ledger entry', {
      Put: {
        TableName: tableName(),
        Item: {
          ...userItemKey(state.id, ledgerSk(seq)),
          ...marshall({ entity: 'LedgerEntry', version: 1, userId: state.id, seq, ...entry, lots: moves }),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    }, 'answer', { ledger: true }));
    return entry;
  });
  const delta = balance - state.balance;
  const next = state.ledgerSeq + list.length;
  const extras = Object.entries(extraSet);
  const update: TransactWriteItem = {
    Update: {
      TableName: tableName(),
      Key: userKey(state.id),
      UpdateExpression: `SET balance = balance + :delta, ledgerSeq = :next${extras.map((_, i) => `, #x${i} = :x${i}`).join('')}`,
      // The ledgerSeq guard makes balanceAfter exact; a deduction also names the balance it needs.
      ConditionExpression: [need > 0 ? 'ledgerSeq = :seq AND balance >= :need' : 'ledgerSeq = :seq', guard?.expression]
        .filter(Boolean)
        .join(' AND '),
      ...(extras.length || guard?.names
        ? { ExpressionAttributeNames: { ...Object.fromEntries(extras.map(([k], i) => [`#x${i}`, k])), ...guard?.names } }
        : {}),
      ExpressionAttributeValues: marshall({
        ...guard?.values,
        ':delta': delta,
        ':next': next,
        ':seq': state.ledgerSeq,
        ...(need > 0 ? { ':need': need } : {}),
        ...Object.fromEntries(extras.map(([, v], i) => [`:x${i}`, v])),
      }),
    },
  };
  const expiring = new Set(list.flatMap((p) => (p.expires ? [p.expires] : [])));
  const lotSteps = Object.entries(netLots)
    .filter(([on, n]) => n !== 0 || expiring.has(on))
    .map(([on, n]) => lotStep(state.id, on, n, expiring.has(on), list[0].at));
  if (lotSteps.length > maxOpenLots(rule) + 1) throw new Error(`a posting would move ${lotSteps.length} lots`);
  // Any failing means the balance moved (or the guard no longer holds): the caller reads again, and a
  // lost race on the member's ledger is retried within RETRY.ledger (lib/retry.ts).
  return { steps: [step('balance', update, 'answer', { ledger: true }), ...puts, ...lotSteps], entry: entries[entries.length - 1], entries, lots: netLots };
}

export class PointsRepository implements Ledger {
  /**
   * The balance and sign-in state of a user, read strongly consistent; with `lots`, also the lots that
   * hold points — read after the profile, so any posting committed in between moved ledgerSeq and the
   * posting built from this read is cancelled (the lots can never be older than the balance they go with).
   */
  async state(userId: string, opts: { lots?: boolean } = {}): Promise<PointsState | undefined> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND SK = :sk',
        ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':sk': PROFILE_SK }),
        ProjectionExpression: 'id, balance, ledgerSeq, signInStreak, lastSignInDay, membership',
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    if (!item) return undefined;
    const state = unmarshall(item) as PointsState;
    return opts.lots ? { ...state, lots: await this.lots(userId) } : state;
  }

  /** The lots of a user that still hold points, oldest first (a handful: one per expiry period). */
  async lots(userId: string): Promise<Lot[]> {
    const items = await queryAll({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      FilterExpression: 'remaining > :zero',
      ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':prefix': LOT_PREFIX, ':zero': 0 }),
      ProjectionExpression: 'expiresOn, remaining',
      ConsistentRead: true,
    });
    return items.map((i) => unmarshall(i) as Lot);
  }

  /**
   * Writes today's sign-in, the reward and its ledger entry in one transaction. The sign-in item's
   * `attribute_not_exists` is the once-per-China-day guard. Answers `stale` when the balance moved
   * since `state` was read (the caller re-reads); throws ALREADY_SIGNED_IN when today is taken.
   */
  async recordSignIn(state: PointsState, s: SignInRecord): Promise<{ outcome: 'ok'; entry: LedgerEntry } | { outcome: 'stale' }> {
    const { steps, entry } = ledgerPostingItems(
      state,
      { delta: s.points, reason: `每日签到（连续第 ${s.streak} 天）`, refType: 'sign_in', refId: s.day, at: s.at },
      { signInStreak: s.streak, lastSignInDay: s.day },
    );
    const signIn: TransactWriteItem = {
      Put: {
        TableName: tableName(),
        Item: {
          ...userItemKey(state.id, signInSk(s.day)),
          ...marshall({ entity: 'SignIn', version: 1, userId: state.id, day: s.day, points: s.points, streak: s.streak, createdAt: s.at.toISOString() }),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    const stats = statsItems(state.membership?.orgPath, s.day, { signIns: 1, pointsIssued: s.points });
    const failed = await transact([step('once per day', signIn, new AppError('ALREADY_SIGNED_IN')), ...steps, ...stats]);
    return failed ? { outcome: 'stale' } : { outcome: 'ok', entry };
  }

  /**
   * 补签: the made-up day's sign-in item, the month's 补签 count, the cost and the day's reward (two ledger
   * entries) and the streak, in one transaction. The sign-in item's non-existence is "not signed that day";
   * the count's condition is the monthly cap; the ledgerSeq guard (with balance ≥ cost) orders it against
   * every other posting. `stale` when the balance moved since `state` was read.
   */
  async makeUp(
    state: PointsState,
    m: { day: string; cost: number; reward: number; perMonth: number; streak: number; lastSignInDay: string; at: Date },
  ): Promise<{ outcome: 'ok'; entry: LedgerEntry } | { outcome: 'stale' }> {
    const label = m.day.slice(5);
    const { steps, entry } = ledgerPostingItems(
      state,
      ([
        { delta: -m.cost, reason: `补签 ${label} 扣除积分`, refType: 'sign_in', refId: m.day, at: m.at },
        { delta: m.reward, reason: `补签 ${label} 签到奖励`, refType: 'sign_in', refId: m.day, at: m.at },
      ] satisfies Posting[]).filter((p) => p.delta !== 0),
      { signInStreak: m.streak, lastSignInDay: m.lastSignInDay },
    );
    const signIn: TransactWriteItem = {
      Put: {
        TableName: tableName(),
        Item: {
          ...userItemKey(state.id, signInSk(m.day)),
          ...marshall({ entity: 'SignIn', version: 1, userId: state.id, day: m.day, points: m.reward, cost: m.cost, makeUp: true, createdAt: m.at.toISOString() }),
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
    const tag = tagOnCreate('MakeUpCount');
    const count: TransactWriteItem = {
      Update: {
        TableName: tableName(),
        Key: userItemKey(state.id, makeUpCountSk(m.day.slice(0, 7))),
        UpdateExpression: `ADD #n :one SET ${tag.set}`,
        ConditionExpression: 'attribute_not_exists(#n) OR #n < :cap',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: marshall({ ':one': 1, ':cap': m.perMonth, ...tag.values }),
      },
    };
    const stats = statsItems(state.membership?.orgPath, chinaDay(m.at), { signIns: 1, pointsIssued: m.reward, pointsSpent: m.cost });
    const failed = await transact([
      step('not signed that day', signIn, new AppError('INVALID_STATE', '这一天已经签到过了，无需补签')),
      step('monthly 补签 cap', count, new AppError('INVALID_STATE', `本月补签次数已用完（每月 ${m.perMonth} 次）`)),
      ...steps,
      ...stats,
    ]);
    return failed ? { outcome: 'stale' } : { outcome: 'ok', entry };
  }

  /** What the member holds and when it expires: the open lots, oldest first. */
  async summary(userId: string): Promise<{ balance: number; expiring: Array<{ points: number; on: string }> } | undefined> {
    const state = await this.state(userId, { lots: true });
    if (!state) return undefined;
    return { balance: state.balance, expiring: state.lots!.map((l) => ({ points: l.remaining, on: l.expiresOn })) };
  }

  /**
   * A cadre's adjustment: the ledger entry, its audit record and the day's statistics in one
   * transaction, on the condition that the member is still in the union the scope check saw.
   * `stale` when the balance moved since `state` was read or the member moved: the caller reads again.
   */
  async adjust(state: PointsState, posting: Posting, memberOrgPath: string, audit: AuditRecord): Promise<{ outcome: 'ok'; entry: LedgerEntry } | { outcome: 'stale' }> {
    const stillThere: PostingGuard = { expression: 'membership.orgPath = :memberPath', values: { ':memberPath': memberOrgPath } };
    const lots = posting.delta < 0 ? (state.lots ?? (await this.lots(state.id))) : state.lots;
    const { steps, entry } = ledgerPostingItems({ ...state, lots }, posting, {}, stillThere);
    const counted = posting.delta > 0 ? { pointsIssued: posting.delta } : { pointsSpent: -posting.delta };
    const failed = await transact([...steps, ...auditItems(audit), ...statsItems(memberOrgPath, chinaDay(posting.at), counted)]);
    return failed ? { outcome: 'stale' } : { outcome: 'ok', entry };
  }

  async makeUpsUsed(userId: string, month: string): Promise<number> {
    const out = await dynamo().send(new GetItemCommand({ TableName: tableName(), Key: userItemKey(userId, makeUpCountSk(month)), ConsistentRead: true }));
    return Number(out.Item?.count?.N ?? 0);
  }

  /** The China days of a `YYYY-MM` month on which the user signed in. */
  async signInDays(userId: string, month: string): Promise<string[]> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':prefix': signInSk(month) }),
        ProjectionExpression: 'SK',
      }),
    );
    return (out.Items ?? []).map((i) => i.SK.S!.slice(SIGNIN_PREFIX.length));
  }

  /** The ledger, newest first. */
  async ledger(userId: string, limit: number, cursor?: string): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: marshall({ ':pk': userPk(userId), ':prefix': LEDGER_PREFIX }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, `USER#${userId}|LEDGER#`),
      }),
    );
    const items = (out.Items ?? []).map((i) => {
      const { id, delta, balanceAfter, reason, refType, refId, createdAt } = unmarshall(i);
      return { id, delta, balanceAfter, reason, refType, refId, createdAt } as LedgerEntry;
    });
    return { items, nextCursor: encodeCursor(out.LastEvaluatedKey, `USER#${userId}|LEDGER#`) };
  }
}
