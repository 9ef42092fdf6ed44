import * as z from 'zod/mini';
import { IsoDateTime, PageQuery, page, text, wholeNumber } from './common';
import { OrgId } from './orgs';

export const GoodsStatus = z.enum(['on_shelf', 'off_shelf']);
export const Fulfilment = z.enum(['pickup', 'delivery']);

export const Goods = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  imageUrl: z.string(),
  pointsPrice: z.number(),
  stock: z.number(),
  perMemberLimit: z.number(),
  orgId: z.string(),
  orgName: z.optional(z.string()),
  fulfilment: Fulfilment,
  status: GoodsStatus,
});
export type Goods = z.infer<typeof Goods>;
export const GoodsPage = page(Goods);

const ImageUrl = z.string().check(z.maxLength(512, '图片地址过长'), z.regex(/^(https:\/\/|\/)/, '图片地址应为 https 链接'));

/** `POST /v1/admin/goods`. */
export const GoodsInput = z.object({
  name: text(2, 40, '请填写商品名称', '商品名称不能超过 40 个字'),
  description: text(0, 500, '', '商品介绍不能超过 500 字', true),
  pointsPrice: wholeNumber(1, 1_000_000, '兑换积分'),
  stock: wholeNumber(0, 1_000_000, '库存'),
  perMemberLimit: wholeNumber(1, 100, '每人限兑'),
  orgId: OrgId,
  fulfilment: Fulfilment,
  imageUrl: z.optional(ImageUrl),
});
export type GoodsInput = z.infer<typeof GoodsInput>;

/** `PATCH /v1/admin/goods/{id}`: any of the editable fields, and a stock delta. */
export const GoodsPatch = z
  .strictObject({
    stockDelta: z.optional(wholeNumber(-1_000_000, 1_000_000, '库存调整', '单次最多减少 1000000 件')),
    status: z.optional(GoodsStatus),
    name: z.optional(text(2, 40, '请填写商品名称', '商品名称不能超过 40 个字')),
    description: z.optional(text(0, 500, '', '商品介绍不能超过 500 字', true)),
    pointsPrice: z.optional(wholeNumber(1, 1_000_000, '兑换积分')),
    perMemberLimit: z.optional(wholeNumber(1, 100, '每人限兑')),
    imageUrl: z.optional(ImageUrl),
  })
  .check(z.refine((p) => Object.values(p).some((v) => v !== undefined) && p.stockDelta !== 0, '请至少修改一项'));
export type GoodsPatch = z.infer<typeof GoodsPatch>;


export const GoodsParams = z.object({ id: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '商品编号无效')) });

export const OrderStatus = z.enum(['awaiting_pickup', 'fulfilled', 'cancelled']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Order = z.object({
  id: z.string(),
  goodsId: z.string(),
  goodsName: z.optional(z.string()),
  goodsImageUrl: z.optional(z.string()),
  quantity: z.number(),
  pointsSpent: z.number(),
  status: OrderStatus,
  pickupCode: z.string(),
  orgId: z.optional(z.string()),
  orgName: z.optional(z.string()),
  memberName: z.optional(z.string()),
  createdAt: IsoDateTime,
  fulfilledAt: z.optional(IsoDateTime),
  cancelledAt: z.optional(IsoDateTime),
});
export type Order = z.infer<typeof Order>;
export const OrderPage = page(Order);

/**
 * An order as a cadre sees it: without its pickup code, so 核销 needs the member who holds the code to
 * be present. Only the member's own order views carry it.
 */
export const CadreOrder = z.omit(Order, { pickupCode: true });
export type CadreOrder = z.infer<typeof CadreOrder>;
export const CadreOrderPage = page(CadreOrder);
/** The most pieces one redemption may take, whatever the goods allow. */
export const MAX_PER_ORDER = 10;

/** The most one order may take: the per-member limit, the stock, and {@link MAX_PER_ORDER}. */
export const maxQuantity = (g: Pick<Goods, 'perMemberLimit' | 'stock'>) => Math.max(0, Math.min(g.perMemberLimit, g.stock, MAX_PER_ORDER));

/** `POST /v1/redemptions` (with the `Idempotency-Key` header). */
export const RedemptionInput = z.object({
  goodsId: GoodsParams.shape.id,
  quantity: wholeNumber(1, MAX_PER_ORDER, '兑换数量'),
});
export type RedemptionInput = z.infer<typeof RedemptionInput>;

/** A client-made key, typically a UUID. */
export { IdempotencyKey } from './common';

export const PICKUP_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const PickupCode = z.pipe(
  z.string().check(z.trim()),
  z.transform((v: string) => v.toUpperCase().replace(/[\s-]/g, '')),
).check(z.refine((v: string) => new RegExp(`^[${PICKUP_ALPHABET}]{8}$`).test(v), '核销码应为 8 位字母数字'));
export const VerifyInput = z.object({ pickupCode: PickupCode });

export const AdminOrderQuery = z.extend(PageQuery, {
  status: z._default(OrderStatus, 'awaiting_pickup'),
  orgId: z.optional(OrgId),
});
export const AdminGoodsQuery = z.extend(PageQuery, { orgId: z.optional(OrgId) });

/** `POST /v1/admin/points-adjustments`. */
export const PointsAdjustmentInput = z.object({
  userId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, '会员编号无效')),
  delta: z.int('调整积分应为整数').check(
    z.gte(-100_000, '单次最多扣减 100000 分'),
    z.lte(100_000, '单次最多增加 100000 分'),
    z.refine((d) => d !== 0, '调整积分不能为 0'),
  ),
  reason: text(2, 100, '请填写调整原因', '调整原因不能超过 100 字'),
});
