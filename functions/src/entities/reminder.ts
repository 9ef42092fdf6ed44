/**
 * Tomorrow's sign-in reminder, one per user and day, in the user's partition:
 *
 *   USER#<id>   REMIND#<day>     openid, sentAt once sent     (GSI1: REMIND#<day>#<shard> / <userId> until sent)
 *
 * The reminder job reads a day's reminders from GSI1 by shard (never a scan); sending one first claims
 * it (`sentAt`, conditioned on not being set) and takes it out of the index, so it goes out once.
 */
import { expiryShard, EXPIRY_SHARDS } from './lot';
import { userItemKey } from './user';

export const REMINDER_SHARDS = EXPIRY_SHARDS;
export const reminderKey = (userId: string, day: string) => userItemKey(userId, `REMIND#${day}`);
export const remindersPk = (day: string, shard: number) => `REMIND#${day}#${String(shard).padStart(2, '0')}`;
export const reminderShard = expiryShard;
