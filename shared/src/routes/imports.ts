/** The operations served by the `imports` function (serverless.yml); part of ROUTES (shared/src/routes.ts). */
import * as z from 'zod/mini';
import { CommitResult, Import, ImportErrorsQuery, ImportFields, ImportListQuery, ImportPage, ImportParams } from '../roster';
import type { RouteSpec } from '../route-spec';

export const importsRoutes = {
  'POST /v1/admin/imports': { fn: 'imports', idempotent: true, multipart: { maxBytes: 4 * 1024 * 1024 }, summary: '上传会员名册（multipart/form-data：file 为 .xlsx 或 UTF-8/GBK 的 .csv，最大 4 MB；orgId；kind=members）；只校验不写入，返回预览', auth: true, body: ImportFields, status: 201, response: Import, errors: ['VALIDATION_FAILED', 'BAD_FILE', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/imports': { fn: 'imports', summary: '管辖范围内的名册导入（新的在前）', auth: true, query: ImportListQuery, status: 200, response: ImportPage, errors: ['VALIDATION_FAILED', 'FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/imports/{id}': { fn: 'imports', summary: '一次名册导入（计数、前 50 条错误、状态）', auth: true, params: ImportParams, status: 200, response: Import, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'GET /v1/admin/imports/{id}/errors': { fn: 'imports', produces: 'text/csv', summary: '未通过校验的行及原因（CSV，UTF-8 BOM，可直接用 Excel 打开修改后重新上传）', auth: true, params: ImportParams, query: ImportErrorsQuery, status: 200, response: z.string(), errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND'] },
  'POST /v1/admin/imports/{id}/commit': { fn: 'imports', idempotent: true, summary: '写入通过校验的行（幂等：重复提交或重复上传同一批人不会重复创建；手机号等变化会更新）。status 为 committing 时表示本次请求时间用完、尚余 remaining 批，再次提交即继续', auth: true, params: ImportParams, status: 200, response: CommitResult, errors: ['FORBIDDEN', 'OUT_OF_SCOPE', 'NOT_FOUND', 'INVALID_STATE', 'BUSY'] },
} satisfies Record<string, RouteSpec>;
