import { describe, expect, it } from 'vitest';
import { TEST_DYNAMO, TEST_TABLE } from '../setup/ports';
import { untaggedItems } from '../setup/entity-tags';
import { call } from '../api/client';

/** Writes one of each kind a member's day makes (the seed already wrote unions, users, goods, activities). */
async function aMembersDay() {
  const login = await call('POST', '/v1/auth/wechat-login', { body: { code: `dev:tags-${Date.now()}`, scene: 1035 } });
  const token = login.body.token as string;
  const answers = [login.status];
  answers.push((await call('POST', '/v1/sign-ins', { token, headers: { 'idempotency-key': `tags-${Date.now()}` } })).status);
  answers.push((await call('POST', '/v1/me/messages/read-all', { token, headers: { 'idempotency-key': `tags-read-${Date.now()}` } })).status);
  const goods = await call('GET', '/v1/goods', { token });
  answers.push((await call('PUT', `/v1/me/favorites/goods/${goods.body.items[0].id}`, { token })).status);
  return answers;
}

describe('every item in the table is tagged with its entity and version', () => {
  it('after the seed and a member’s day of writes', async () => {
    // Prepare
    expect(await aMembersDay()).toEqual([200, 201, 200, 200]);
    // Act
    const offenders = await untaggedItems(TEST_DYNAMO, TEST_TABLE);
    // Assess
    expect(offenders).toEqual([]);
  });
});
