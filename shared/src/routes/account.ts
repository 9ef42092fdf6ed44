/** The operations served by the `account` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { AccountDeleted, DeletionInput } from '../account';
import type { RouteSpec } from '../route-spec';

export const accountRoutes = {
  'POST /v1/me/deletion': {
    fn: 'account', summary: '注销账号：取消未完成的兑换和报名并退回积分，解除微信绑定，删除个人信息', auth: true, body: DeletionInput,
    status: 200, response: AccountDeleted, idempotent: true, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED', 'INVALID_STATE', 'IDEMPOTENCY_KEY_REUSED', 'BUSY'],
  },
} satisfies Record<string, RouteSpec>;
