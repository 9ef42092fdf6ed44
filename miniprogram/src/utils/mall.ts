/** Display helpers of the points mall (member and cadre pages). */
import type { Goods, OrderStatus } from '@union/shared/mall'

export { maxQuantity } from '@union/shared/mall'

export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  awaiting_pickup: '待领取',
  fulfilled: '已核销',
  cancelled: '已取消',
}

export const FULFILMENT_TEXT: Record<Goods['fulfilment'], string> = {
  pickup: '到店自提',
  delivery: '快递配送',
}

/** `ABCD2345` → `ABCD 2345` (easier to read aloud and to type). */
export const spacedCode = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`
