/**
 * Roster import (管理 → 会员名册导入): its own Lambda, because only it carries the spreadsheet reader
 * and the multipart parser (fflate, saxes, busboy) — the other bundles stay small (`npm run package`
 * states both budgets).
 */
import { ImportFields } from '@union/shared/roster';
import { created, ok } from '../lib/http';
import { routes } from '../lib/router';
import { importsRoutes } from '@union/shared/routes/imports';
import { parseMultipart } from '../lib/multipart';
import { AppError, validationFailed } from '../lib/errors';
import { edgeStores } from '../wiring/edge';
import { count } from '../lib/metrics';
import { MembershipRepository } from '../repositories/membership';
import { OrgsRepository } from '../repositories/orgs';
import { RosterRepository } from '../repositories/roster';
import { UsersRepository } from '../repositories/users';
import type { VerificationDeps } from '../usecases/verification';
import { commitImport, getImport, importErrorsCsv, listImports, uploadRoster, type ImportDeps } from '../usecases/imports';

/** The composition root of roster import (and 会员认证, whose routes live in membership/adminMembership). */
export const deps: ImportDeps & VerificationDeps = {
  roster: new RosterRepository(),
  orgs: new OrgsRepository(),
  users: new UsersRepository(),
  membership: new MembershipRepository(),
};
const MAX_UPLOAD_BYTES = importsRoutes['POST /v1/admin/imports'].multipart.maxBytes;

export const handler = routes(importsRoutes, {
  'POST /v1/admin/imports': async ({ userId, body, headers, now }) => {
    const upload = await parseMultipart(body, headers, MAX_UPLOAD_BYTES);
    const fields = ImportFields.safeParse(upload.fields);
    if (!fields.success) throw validationFailed(fields.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    if (!upload.file) throw new AppError('BAD_FILE', '请选择要上传的名册文件（字段 file）', [{ path: 'file', message: '缺少文件' }]);
    const imported = await uploadRoster(deps, userId, { file: upload.file.data, fileName: upload.file.fileName, orgId: fields.data.orgId }, now);
    count('ImportRowsAccepted', imported.accepted);
    count('ImportRowsRejected', imported.rejected);
    return created(imported);
  },
  'GET /v1/admin/imports': async ({ userId, query }) => ok(await listImports(deps, userId, query)),
  'GET /v1/admin/imports/{id}': async ({ userId, params }) => ok(await getImport(deps, userId, params.id)),
  'GET /v1/admin/imports/{id}/errors': async ({ userId, params }) => ({
    status: 200,
    raw: true,
    body: await importErrorsCsv(deps, userId, params.id),
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="import-${params.id}-errors.csv"` },
  }),
  'POST /v1/admin/imports/{id}/commit': async ({ userId, params, now }) => ok(await commitImport(deps, userId, params.id, now)),
}, edgeStores());
