/**
 * Activities and their signups.
 *
 *   ACT#<id>            ACT               the activity with its counters (confirmed, waitlist, checked in)
 *                                          (GSI1: ACTBYORG#<orgId> / <startsAt>#<id>)
 *   ACTINSCOPE#<org>    <startsAt>#<id>   one per union on the activity's path (cadres' subtree lists)
 *   ACT#<id>            SIGNUP#<userId>   a member's signup (GSI1: USERACTS#<userId> / <signedUpAt>)
 *   ACT#<id>            WAIT#<ticket>     the waiting list in arrival order (ticket = waitSeq at joining)
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Activity, SignupStatus } from '@union/shared/activities';

export interface StoredActivity extends Omit<Activity, 'mySignup'> {
  orgPath: string;
  /** The last waiting-list ticket handed out. */
  waitSeq?: number;
  status: 'published' | 'cancelled';
  createdAt: string;
}

export interface StoredSignup {
  activityId: string;
  userId: string;
  status: SignupStatus;
  ticket?: number;
  nickname: string;
  memberNo?: string;
  orgName?: string;
  signedUpAt: string;
  checkedInAt?: string;
  /** The member's union (statistics). */
  memberOrgPath?: string;
}

export const activityPk = (id: string) => `ACT#${id}`;
export const actKey = (id: string) => marshall({ PK: activityPk(id), SK: 'ACT' });
export const signupKey = (id: string, userId: string) => marshall({ PK: activityPk(id), SK: `SIGNUP#${userId}` });
export const waitKey = (id: string, ticket: number) => marshall({ PK: activityPk(id), SK: `WAIT#${String(ticket).padStart(8, '0')}` });
/** An item without its keys and tags: the entity as the use cases see it. */
export const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _gs, entity: _e, version: _v, ...rest } = item;
  return rest as T;
};

export const activitiesOfOrgPk = (orgId: string) => `ACTBYORG#${orgId}`;
export const activitiesInScopePk = (orgId: string) => `ACTINSCOPE#${orgId}`;
export const signupsOfUserPk = (userId: string) => `USERACTS#${userId}`;
export const SIGNUP_PREFIX = 'SIGNUP#';
export const WAIT_PREFIX = 'WAIT#';
