/** Chinese names for the audit log: actions, objects, fields and values. */

export interface ActionInfo {
  value: string
  title: string
  group: string
}

export const ACTIONS: ActionInfo[] = [
  { value: 'join_request.approve', title: '批准入会', group: '入会审核' },
  { value: 'join_request.reject', title: '驳回入会', group: '入会审核' },
  { value: 'join_request.reveal', title: '查看申请人信息', group: '入会审核' },
  { value: 'transfer_request.approve', title: '批准转会', group: '转会审核' },
  { value: 'transfer_request.reject', title: '驳回转会', group: '转会审核' },
  { value: 'goods.create', title: '发布商品', group: '积分商城' },
  { value: 'goods.update', title: '编辑商品', group: '积分商城' },
  { value: 'order.verify', title: '核销订单', group: '积分商城' },
  { value: 'points.adjust', title: '调整积分', group: '积分商城' },
  { value: 'activity.create', title: '发布活动', group: '职工活动' },
  { value: 'activity.update', title: '编辑活动', group: '职工活动' },
  { value: 'activity.cancel', title: '取消活动', group: '职工活动' },
  { value: 'article.create', title: '撰写资讯', group: '工会资讯' },
  { value: 'article.update', title: '编辑资讯', group: '工会资讯' },
  { value: 'article.publish', title: '发布资讯', group: '工会资讯' },
  { value: 'article.unpublish', title: '撤回资讯', group: '工会资讯' },
  { value: 'article.pin', title: '置顶资讯', group: '工会资讯' },
  { value: 'article.unpin', title: '取消置顶', group: '工会资讯' },
  { value: 'role.appoint', title: '任命干部', group: '干部' },
  { value: 'role.remove', title: '免去干部', group: '干部' },
]

export const ACTION_GROUPS = [...new Set(ACTIONS.map((a) => a.group))]

export const actionTitle = (action: string) => ACTIONS.find((a) => a.value === action)?.title ?? action

/** The colour family of a row's badge: by what was done. */
export function actionTone(action: string): 'approve' | 'reject' | 'points' | 'edit' | 'role' | 'view' {
  if (action.endsWith('.reject') || action.endsWith('.cancel') || action.endsWith('.unpublish') || action === 'role.remove') return 'reject'
  if (action.endsWith('.approve') || action === 'order.verify' || action === 'article.publish') return 'approve'
  if (action === 'points.adjust') return 'points'
  if (action === 'role.appoint') return 'role'
  if (action.endsWith('.reveal')) return 'view'
  return 'edit'
}

export const OBJECT_TYPES: Record<string, string> = {
  join_request: '入会申请',
  transfer_request: '转会申请',
  goods: '商品',
  order: '兑换订单',
  user: '会员',
  activity: '活动',
  article: '资讯',
}

export const FIELDS: Record<string, string> = {
  status: '状态',
  balance: '积分余额',
  delta: '积分变动',
  reason: '原因',
  orgId: '工会',
  orgName: '所属工会',
  memberNo: '会员号',
  field: '查看项',
  role: '角色',
  name: '名称',
  title: '标题',
  description: '介绍',
  location: '地点',
  pointsPrice: '所需积分',
  stock: '库存',
  stockDelta: '库存变动',
  perMemberLimit: '每人限兑',
  fulfilment: '领取方式',
  imageUrl: '图片',
  startsAt: '开始时间',
  endsAt: '结束时间',
  signupOpensAt: '报名开始',
  signupClosesAt: '报名截止',
  capacity: '名额',
  waitlist: '允许候补',
  pointsReward: '签到积分',
  confirmedCount: '已报名',
  waitlistCount: '候补人数',
  checkedInCount: '已签到',
  kind: '类型',
  summary: '摘要',
  body: '正文',
  coverUrl: '封面',
  pinned: '置顶',
  readPoints: '阅读积分',
}

/** Fields not worth a row (ids the person cannot use). */
export const HIDDEN_FIELDS = new Set(['id', 'orgPath', 'createdAt', 'updatedAt'])

const VALUES: Record<string, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '已驳回',
  awaiting_pickup: '待领取',
  fulfilled: '已核销',
  cancelled: '已取消',
  published: '已发布',
  draft: '草稿',
  news: '新闻',
  notice: '通知公告',
  on_shelf: '已上架',
  off_shelf: '已下架',
  cadre: '干部',
  pickup: '到场领取',
  idNumber: '身份证号',
  phone: '手机号',
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** A before/after value as a person reads it (union ids through `orgName`). */
export function valueText(key: string, v: unknown, orgName: (id: string) => string | undefined): string {
  if (v === undefined || v === null || v === '') return '—'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'number') return key === 'delta' || key === 'stockDelta' ? (v > 0 ? `+${v}` : String(v)) : String(v)
  if (typeof v === 'string') {
    if (key === 'orgId') return orgName(v) ?? v
    if (key === 'field' && v === 'name') return '姓名'
    if (ISO.test(v)) return `${v.slice(0, 10)} ${v.slice(11, 16)}`
    return VALUES[v] ?? v
  }
  return JSON.stringify(v)
}
