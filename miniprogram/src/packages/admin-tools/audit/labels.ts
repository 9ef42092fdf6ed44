/** Chinese names for the audit log: actions, objects, fields and values. */
import { AUDIT_ACTIONS, type AuditAction } from '@union/shared/audit-actions'
import { ORG_LEVEL_NAMES } from '@union/shared/org-levels'

export interface ActionInfo {
  value: string
  title: string
  group: string
}

/** A title and a filter group for every action the back end writes (a Record: a new action must be named here). */
const ACTION_INFO: Record<AuditAction, Omit<ActionInfo, 'value'>> = {
  'join_request.approve': { title: '批准入会', group: '入会审核' },
  'join_request.reject': { title: '驳回入会', group: '入会审核' },
  'join_request.reveal': { title: '查看申请人信息', group: '入会审核' },
  'join_request.withdraw': { title: '撤回入会申请', group: '入会审核' },
  'member_verification.failed': { title: '会员认证未通过', group: '会员认证' },
  'member_verification.refused': { title: '认证被拒（已绑定他人）', group: '会员认证' },
  'member.unbind': { title: '解绑会员微信', group: '会员认证' },
  'roster_import.commit': { title: '导入会员名册', group: '会员认证' },
  'transfer_request.approve': { title: '批准转会', group: '转会审核' },
  'transfer_request.reject': { title: '驳回转会', group: '转会审核' },
  'transfer_request.withdraw': { title: '撤回转会申请', group: '转会审核' },
  'org.create': { title: '新建工会', group: '组织' },
  'org.rename': { title: '工会改名', group: '组织' },
  'org.close': { title: '撤销工会', group: '组织' },
  'org_application.approve': { title: '批准建会', group: '组织' },
  'org_application.reject': { title: '驳回建会', group: '组织' },
  'org_application.withdraw': { title: '撤回建会申请', group: '组织' },
  'goods.create': { title: '发布商品', group: '积分商城' },
  'goods.update': { title: '编辑商品', group: '积分商城' },
  'order.verify': { title: '核销订单', group: '积分商城' },
  'points.adjust': { title: '调整积分', group: '积分商城' },
  'activity.create': { title: '发布活动', group: '职工活动' },
  'activity.update': { title: '编辑活动', group: '职工活动' },
  'activity.cancel': { title: '取消活动', group: '职工活动' },
  'article.create': { title: '撰写资讯', group: '工会资讯' },
  'article.update': { title: '编辑资讯', group: '工会资讯' },
  'article.publish': { title: '发布资讯', group: '工会资讯' },
  'article.unpublish': { title: '撤回资讯', group: '工会资讯' },
  'article.pin': { title: '置顶资讯', group: '工会资讯' },
  'article.unpin': { title: '取消置顶', group: '工会资讯' },
  'role.appoint': { title: '任命干部', group: '干部' },
  'role.remove': { title: '免去干部', group: '干部' },
  'account.leave': { title: '会员注销（解除名册绑定）', group: '账号' },
  'account.delete': { title: '注销账号', group: '账号' },
}

export const ACTIONS: ActionInfo[] = AUDIT_ACTIONS.map((value) => ({ value, ...ACTION_INFO[value] }))

export const ACTION_GROUPS = [...new Set(ACTIONS.map((a) => a.group))]

export const actionTitle = (action: string) => ACTIONS.find((a) => a.value === action)?.title ?? action

/** The colour family of a row's badge: by what was done. */
export function actionTone(action: string): 'approve' | 'reject' | 'points' | 'edit' | 'role' | 'view' {
  if (/\.(reject|cancel|unpublish|withdraw|close|failed|refused|unbind)$/.test(action) || action === 'role.remove' || action.startsWith('account.')) return 'reject'
  if (action.endsWith('.approve') || action === 'order.verify' || action === 'article.publish' || action === 'roster_import.commit') return 'approve'
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
  org: '工会',
  org_application: '建会申请',
  roster_import: '名册导入',
  roster_record: '名册记录',
  member: '会员',
  account: '账号',
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
  level: '级别',
  parentId: '上级工会',
  creditCode: '信用代码',
  firstCadre: '首任管理员',
  openChildren: '未撤销的下级工会',
  activeMembers: '在册会员',
  created: '新增',
  updated: '更新',
  unchanged: '未变',
  skipped: '跳过',
  remaining: '未完成批次',
  ordersCancelled: '取消的订单',
  signupsCancelled: '取消的报名',
  requestsWithdrawn: '撤回的申请',
  pointsLapsed: '作废积分',
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
  open: '正常',
  closed: '已撤销',
  committed: '已导入',
  committing: '导入中',
  ...ORG_LEVEL_NAMES,
  pickup: '到场领取',
  idNumber: '身份证号',
  phone: '手机号',
}

/** Why a 会员认证 attempt failed (`after.reason` of member_verification.*). */
const VERIFY_REASONS: Record<string, string> = {
  no_record: '名册中没有该身份证号',
  name: '姓名不一致',
  phone: '手机号不一致',
  bound_to_another: '该名册记录已绑定其他微信',
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** A before/after value as a person reads it (union ids through `orgName`). */
export function valueText(key: string, v: unknown, orgName: (id: string) => string | undefined): string {
  if (v === undefined || v === null || v === '') return '—'
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'number') return key === 'delta' || key === 'stockDelta' ? (v > 0 ? `+${v}` : String(v)) : String(v)
  if (typeof v === 'string') {
    if (key === 'orgId' || key === 'parentId') return orgName(v) ?? v
    if (key === 'reason' && VERIFY_REASONS[v]) return VERIFY_REASONS[v]
    if (key === 'firstCadre') return '建会申请人'
    if (key === 'field' && v === 'name') return '姓名'
    if (ISO.test(v)) return `${v.slice(0, 10)} ${v.slice(11, 16)}`
    return VALUES[v] ?? v
  }
  return JSON.stringify(v)
}
