/**
 * The stage guard (issue 12 item 14): the development login/OA/message adapters and the literal
 * secrets belong to the local stack only — stage local/test AND DynamoDB Local. A `--stage test` in the
 * cloud fails when serverless.yml is read and at cold start; a cloud stage without its secrets fails.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { parseConfig } from '../../functions/src/config';
import { wechatSessionsFor } from '../../functions/src/adapters/wechat-session';
import { DevOfficialAccountUsers, officialAccountUsersFor } from '../../functions/src/adapters/official-account-users';
import { RecordingSubscribeMessages, subscribeMessagesFor } from '../../functions/src/adapters/subscribe-messages';

const guard = createRequire(import.meta.url)('../../scripts/stage-guard.cjs') as { localSecrets: (a: { options: { stage?: string } }) => Record<string, string> };
const CLOUD = 'https://dynamodb.cn-northwest-1.amazonaws.com.cn';
const base = { TABLE_NAME: 't', TOKEN_SECRET: 'x'.repeat(40), PII_KEY: Buffer.alloc(32, 1).toString('base64') };
const cloudSecrets = { WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', OA_TOKEN: 'oa', OA_APPID: 'wx2', OA_SECRET: 's2' };

describe('configuration at cold start', () => {
  it('accepts local and test stages on DynamoDB Local', () => {
    for (const STAGE of ['local', 'test']) {
      for (const DYNAMODB_ENDPOINT of ['http://127.0.0.1:8000', 'http://localhost:8000']) {
        expect(parseConfig({ ...base, STAGE, DYNAMODB_ENDPOINT }).STAGE).toBe(STAGE);
      }
    }
  });

  it('refuses a local/test stage anywhere but DynamoDB Local', () => {
    for (const DYNAMODB_ENDPOINT of [undefined, '', CLOUD, 'http://127.0.0.1.example.com:8000', 'not a url']) {
      expect(() => parseConfig({ ...base, ...cloudSecrets, STAGE: 'test', DYNAMODB_ENDPOINT }), String(DYNAMODB_ENDPOINT)).toThrow(/local/);
    }
  });

  it('refuses a cloud stage without its WeChat and official-account secrets (no fallback)', () => {
    expect(parseConfig({ ...base, ...cloudSecrets, STAGE: 'prod' }).STAGE).toBe('prod');
    for (const missing of Object.keys(cloudSecrets)) {
      expect(() => parseConfig({ ...base, ...cloudSecrets, [missing]: '', STAGE: 'prod' }), missing).toThrow(missing);
    }
  });
});

describe('development adapters', () => {
  const at = (STAGE: string, DYNAMODB_ENDPOINT: string) => ({ STAGE, DYNAMODB_ENDPOINT, WECHAT_APPID: '', WECHAT_SECRET: '', OA_APPID: '', OA_SECRET: '' });

  it('serve the local stack', async () => {
    const c = at('test', 'http://127.0.0.1:8000');
    await expect(wechatSessionsFor(c).exchange('dev:member-1')).resolves.toMatchObject({ openid: 'dev-member-1' });
    expect(officialAccountUsersFor(c)).toBeInstanceOf(DevOfficialAccountUsers);
    expect(subscribeMessagesFor(c, () => ({ record: async () => {} }) as never)).toBeInstanceOf(RecordingSubscribeMessages);
  });

  it('are off for stage test against a cloud table', async () => {
    const c = at('test', CLOUD);
    await expect(wechatSessionsFor(c).exchange('dev:cadre-province')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(officialAccountUsersFor(c)).not.toBeInstanceOf(DevOfficialAccountUsers);
    expect(subscribeMessagesFor(c, () => ({ record: async () => {} }) as never)).not.toBeInstanceOf(RecordingSubscribeMessages);
  });
});

describe('serverless.yml guard', () => {
  it('gives literals to local/test on DynamoDB Local only, fails elsewhere, and gives cloud stages none', () => {
    const saved = process.env.DYNAMODB_ENDPOINT;
    try {
      process.env.DYNAMODB_ENDPOINT = '';
      expect(() => guard.localSecrets({ options: { stage: 'test' } })).toThrow(/local stack only/);
      expect(Object.values(guard.localSecrets({ options: { stage: 'prod' } })).every((v) => v === '')).toBe(true);
      process.env.DYNAMODB_ENDPOINT = CLOUD;
      expect(() => guard.localSecrets({ options: { stage: 'local' } })).toThrow(/local stack only/);
      process.env.DYNAMODB_ENDPOINT = 'http://127.0.0.1:8000';
      expect(guard.localSecrets({ options: { stage: 'test' } }).tokenSecret).toMatch(/not-for-production/);
    } finally {
      process.env.DYNAMODB_ENDPOINT = saved;
    }
  });
});
