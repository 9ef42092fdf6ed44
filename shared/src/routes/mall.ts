/** The operations served by the `mall` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { OfferPageQuery, PageQuery } from '../common';
import { Goods, GoodsPage, GoodsParams, Order, OrderPage, RedemptionInput } from '../mall';
import type { RouteSpec } from '../route-spec';

export const mallRoutes = {
  'GET /v1/goods': { fn: 'mall', summary: '我可兑换的商品（本人所在工会及其上级工会发布）', auth: true, query: OfferPageQuery, status: 200, response: GoodsPage, errors: ['VALIDATION_FAILED', 'UNAUTHENTICATED'] },
  'GET /v1/goods/{id}': { fn: 'mall', summary: '商品详情', auth: true, params: GoodsParams, status: 200, response: Goods, errors: ['NOT_FOUND'] },
  'POST /v1/redemptions': { fn: 'mall', idempotent: 'required', summary: '积分兑换（必须带 Idempotency-Key 请求头）', auth: true, body: RedemptionInput, status: 201, response: Order, errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'NOT_A_MEMBER', 'OUT_OF_SCOPE', 'OUT_OF_STOCK', 'INSUFFICIENT_POINTS', 'LIMIT_REACHED', 'IDEMPOTENCY_KEY_REUSED', 'BUSY'] },
  'GET /v1/me/redemptions': { fn: 'mall', summary: '我的兑换', auth: true, query: PageQuery, status: 200, response: OrderPage, errors: ['UNAUTHENTICATED'] },
  'GET /v1/redemptions/{id}': { fn: 'mall', summary: '兑换详情', auth: true, params: GoodsParams, status: 200, response: Order, errors: ['NOT_FOUND'] },
  'POST /v1/redemptions/{id}/cancel': { fn: 'mall', idempotent: true, summary: '取消未核销的兑换（退回积分与库存）', auth: true, params: GoodsParams, status: 200, response: Order, errors: ['NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
} satisfies Record<string, RouteSpec>;
