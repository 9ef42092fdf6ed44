/**
 * Stable error codes of API v1 (api.md "Conventions"), each with its HTTP status and the default
 * Chinese message a person sees. Programs branch on `code`; people read `message`.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '请求内容有误，请检查后重试' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  NOT_A_MEMBER: { status: 403, message: '仅限本会会员使用，请先申请入会' },
  OUT_OF_SCOPE: { status: 403, message: '超出您的管理范围' },
  SELF_ACTION: { status: 403, message: '不能对本人的账户、订单或申请进行此操作，请由其他干部办理' },
  NOT_FOUND: { status: 404, message: '内容不存在或已删除' },
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持的请求方式' },
  ALREADY_SIGNED_IN: { status: 409, message: '今天已经签到过了，明天再来吧' },
  OUT_OF_STOCK: { status: 409, message: '库存不足' },
  INSUFFICIENT_POINTS: { status: 409, message: '积分不足' },
  LIMIT_REACHED: { status: 409, message: '已达到每人兑换上限' },
  ALREADY_SIGNED_UP: { status: 409, message: '您已报名该活动' },
  SIGNUP_CLOSED: { status: 409, message: '不在报名时间内' },
  INVALID_STATE: { status: 409, message: '当前状态不允许此操作' },
  REQUEST_PENDING: { status: 409, message: '您已有一份待审核的申请' },
  ALREADY_MEMBER: { status: 409, message: '您已经是工会会员' },
  ID_NUMBER_IN_USE: { status: 409, message: '该身份证号已登记为会员' },
  NAME_TAKEN: { status: 409, message: '同一上级工会下已有同名工会' },
  NOT_EMPTY: { status: 409, message: '该工会还有会员或未撤销的下级工会，不能撤销' },
  ALREADY_CREDITED: { status: 409, message: '这篇文章的阅读积分已经领过了' },
  TOO_SOON: { status: 409, message: '阅读时间还不够，请稍后再试' },
  DAILY_CAP_REACHED: { status: 409, message: '今天的阅读积分已领满，明天再来吧' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, message: '该请求编号已用于另一笔操作' },
  VERIFICATION_FAILED: { status: 409, message: '认证未通过：请核对姓名、身份证号和手机号是否与工会登记的一致' },
  ALREADY_BOUND: { status: 409, message: '该会员信息已绑定其他微信，如需更换请联系所在工会解绑' },
  IN_ROSTER: { status: 409, message: '您已在工会会员名册中，无需申请入会：请使用“会员认证”，填写姓名和身份证号即可成为会员' },
  BAD_FILE: { status: 400, message: '文件无法导入，请检查后重新上传' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请使用 JSON 格式提交' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
  BUSY: { status: 503, message: '当前访问人数较多，请稍后重试' },
  /** The database (or another part we depend on) did not answer: nothing was done, safe to retry. */
  UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后重试' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;
