/**
 * Roster import (管理 → 会员名册导入): its own Lambda, because only it carries the spreadsheet reader
 * (fflate, saxes, iconv-lite) — the other bundles stay small (`npm run package` states both budgets).
 */
import { ImportErrorsQuery, ImportFields, ImportListQuery, ImportParams } from '@union/shared/roster';
import { created, ok, route } from '../lib/http';
import { routes } from '../lib/router';
import { parseMultipart } from '../lib/multipart';
import { AppError, validationFailed } from '../lib/errors';
import { rosterDeps } from '../usecases/deps';
import { commitImport, getImport, importErrorsCsv, listImports, uploadRoster } from '../usecases/imports';

const deps = rosterDeps();
/** The largest roster file one upload takes (Lambda's 6 MB payload carries it base64-encoded). */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024;

export const handler = routes({
  'POST /v1/admin/imports': route<Buffer>({ auth: true, binaryBody: { maxBytes: MAX_UPLOAD_BYTES + 64 * 1024 } }, async ({ userId, body, headers, now }) => {
    const upload = await parseMultipart(body, headers, MAX_UPLOAD_BYTES);
    const fields = ImportFields.safeParse(upload.fields);
    if (!fields.success) throw validationFailed(fields.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    if (!upload.file) throw new AppError('BAD_FILE', '请选择要上传的名册文件（字段 file）', [{ path: 'file', message: '缺少文件' }]);
    return created(await uploadRoster(deps, userId, { file: upload.file.data, fileName: upload.file.fileName, orgId: fields.data.orgId }, now));
  }),
  'GET /v1/admin/imports': route({ auth: true, query: ImportListQuery }, async ({ userId, query }) => ok(await listImports(deps, userId, query))),
  'GET /v1/admin/imports/{id}': route({ auth: true, params: ImportParams }, async ({ userId, params }) => ok(await getImport(deps, userId, params.id))),
  'GET /v1/admin/imports/{id}/errors': route({ auth: true, params: ImportParams, query: ImportErrorsQuery }, async ({ userId, params }) => ({
    status: 200,
    raw: true,
    body: await importErrorsCsv(deps, userId, params.id),
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="import-${params.id}-errors.csv"` },
  })),
  'POST /v1/admin/imports/{id}/commit': route({ auth: true, params: ImportParams }, async ({ userId, params, now }) => ok(await commitImport(deps, userId, params.id, now))),
});
