/**
 * The business and health counters reach CloudWatch as EMF lines the functions print (Powertools Metrics,
 * no PutMetricData call): here read back from what serverless-offline captured (test-results/offline.log),
 * found by the hashed user each line carries as metadata.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { userHash } from '../../functions/src/lib/log';
import { OFFLINE_LOG } from '../setup/ports';
import { csv, randomName, uniqueIdNumber } from '../fixtures/roster-files';
import { call, login } from './client';
import { newIdNumber, newMember } from './fixtures';
import { upload } from './roster-client';

/** The EMF lines of one user: each metric's values summed, with the dimensions they were sent under. */
function metricsOf(userId: string) {
  const lines = readFileSync(OFFLINE_LOG, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"_aws"'))
    .map((l) => JSON.parse(l))
    .filter((l) => l.user === userHash(userId));
  const sums: Record<string, number> = {};
  for (const line of lines) {
    expect(line._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'zhgh', Dimensions: [expect.arrayContaining(['service', 'stage'])] });
    expect(line).toMatchObject({ stage: 'test', service: 'zhgh', function_request_id: expect.any(String) });
    for (const { Name } of line._aws.CloudWatchMetrics[0].Metrics) sums[Name] = (sums[Name] ?? 0) + [line[Name]].flat().reduce((a: number, b: number) => a + b, 0);
  }
  return sums;
}

/** serverless-offline hands the lines over as they are printed; give the last ones a moment. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('metrics', () => {
  it('count sign-ins and redemptions once each, even when an idempotent redemption is replayed', async () => {
    const member = await newMember(500);
    const cadre = (await login('cadre-xian')).token;
    expect((await call('POST', '/v1/sign-ins', { token: member.token })).status).toBe(201);
    expect((await call('POST', '/v1/sign-ins', { token: member.token })).status).toBe(409);
    const goods = await call('POST', '/v1/admin/goods', {
      token: cadre,
      body: { name: '指标测试商品', description: '用于测试', pointsPrice: 100, stock: 5, perMemberLimit: 1, orgId: 'xa', fulfilment: 'pickup' },
    });
    const key = randomUUID();
    const redeem = () => call('POST', '/v1/redemptions', { token: member.token, body: { goodsId: goods.body.id, quantity: 1 }, headers: { 'idempotency-key': key } });
    expect((await redeem()).status).toBe(201);
    expect((await redeem()).status).toBe(201); // the stored answer, replayed
    await settle();
    expect(metricsOf(member.me.id)).toEqual({ SignIns: 1, Redemptions: 1 });
  });

  it('count 会员认证 failures', async () => {
    const stranger = await login();
    for (let i = 0; i < 2; i++) {
      const refused = await call('POST', '/v1/member-verifications', { token: stranger.token, body: { name: '欧阳测试', idNumber: newIdNumber() }, headers: { 'idempotency-key': randomUUID() } });
      expect(refused.body.error?.code).toBe('VERIFICATION_FAILED');
    }
    await settle();
    expect(metricsOf(stranger.me.id)).toEqual({ MemberVerificationFailures: 2 });
  });

  it('count the rows of a roster upload, accepted and rejected', async () => {
    // A cadre of our own: the suite's shared cadres upload rosters in other files at the same time.
    const cadre = await newMember(0);
    const memberNo = (await call('GET', '/v1/me', { token: cadre.token })).body.membership.memberNo;
    expect((await call('POST', '/v1/admin/roles', { token: (await login('cadre-xian')).token, body: { memberNo, orgId: 'xa' } })).status).toBe(201);
    const file = csv([['姓名', '身份证号', '手机号'], [randomName(), uniqueIdNumber(), ''], [randomName(), uniqueIdNumber(), ''], ['王五', '6.10113E+17', '']]);
    const up = await upload(cadre.token, file, { orgId: 'xa-yt-qy', fileName: 'metrics.csv' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    await settle();
    expect(metricsOf(cadre.me.id)).toMatchObject({ ImportRowsAccepted: 2, ImportRowsRejected: 1 });
  });
});
