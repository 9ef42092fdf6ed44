/** The operations served by the `adminMall` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import { AdminGoodsQuery, AdminOrderQuery, CadreOrder, CadreOrderPage, Goods, GoodsInput, GoodsPage, GoodsParams, GoodsPatch, PointsAdjustmentInput, VerifyInput } from '../mall';
import { LedgerEntry } from '../points';
import type { RouteSpec } from '../route-spec';

export const adminMallRoutes = {
  'GET /v1/admin/goods': { fn: 'adminMall', summary: '管辖范围内的商品', auth: true, query: AdminGoodsQuery, status: 200, response: GoodsPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/goods': { fn: 'adminMall', idempotent: true, summary: '发布商品', auth: true, body: GoodsInput, status: 201, response: Goods, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'PATCH /v1/admin/goods/{id}': { fn: 'adminMall', idempotent: true, summary: '编辑商品、调整库存、上下架', auth: true, params: GoodsParams, body: GoodsPatch, status: 200, response: Goods, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'OUT_OF_STOCK'] },
  'POST /v1/admin/redemptions/verify': { fn: 'adminMall', idempotent: true, summary: '核销', auth: true, body: VerifyInput, status: 200, response: CadreOrder, errors: ['SELF_ACTION', 'VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE'] },
  'GET /v1/admin/redemptions': { fn: 'adminMall', summary: '管辖范围内的兑换订单（按状态）', auth: true, query: AdminOrderQuery, status: 200, response: CadreOrderPage, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/points-adjustments': { fn: 'adminMall', idempotent: true, summary: '调整会员积分（需填写原因，记入审计日志）', auth: true, body: PointsAdjustmentInput, status: 201, response: LedgerEntry, errors: ['SELF_ACTION', 'VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INSUFFICIENT_POINTS', 'BUSY'] },
} satisfies Record<string, RouteSpec>;
