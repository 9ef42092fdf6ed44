/**
 * 资讯, the cadre side: write (the body sanitised here, once, before it is stored), edit, pin, publish,
 * unpublish — each in scope and audited. Kept apart from the member side so only this function bundles
 * the sanitiser.
 */
import { randomUUID } from 'node:crypto';
import type { AdminArticle, ArticleInput, ArticlePatch, ArticleStatus } from '@union/shared/articles';
import { chinaIso } from '@union/shared/china-day';
import { AppError, validationFailed } from '../lib/errors';
import { sanitiseArticleBody, showsSomething } from '../lib/rich-text';
import type { StoredArticle } from '../repositories/articles';
import type { AuditAction } from '@union/shared/audit-actions';
import type { AuditRecord } from '../repositories/audit';
import { adminView, type ArticleDeps } from './articles';
import { cadreRoles, roleCovering, scopedOrg } from './scope';

async function articleInScope(deps: ArticleDeps, cadreId: string, id: string) {
  const roles = await cadreRoles(deps.users, cadreId);
  const article = await deps.articles.get(id);
  if (!article) throw new AppError('NOT_FOUND', '资讯不存在');
  return { article, role: roleCovering(roles, article.orgPath) };
}

const audit = (cadreId: string, actorOrgId: string, action: AuditAction, a: StoredArticle, now: Date, before?: Record<string, unknown>, after?: Record<string, unknown>): AuditRecord => ({
  actorUserId: cadreId, actorOrgId, action, objectType: 'article', objectId: a.id, orgId: a.orgId, orgPath: a.orgPath, before, after, at: now,
});
/** What the audit log keeps of an article: enough to see what changed, not the whole body. */
const auditSummary = (a: Partial<StoredArticle>) => ({ kind: a.kind, title: a.title, status: a.status, pinned: a.pinned, readPoints: a.readPoints, coverUrl: a.coverUrl });

/** A new draft for a union in my scope; the body is sanitised here, once, before it is stored. */
export async function writeArticle(deps: ArticleDeps, cadreId: string, input: ArticleInput, now: Date): Promise<AdminArticle> {
  const { org, role } = await scopedOrg(deps, cadreId, input.orgId);
  const at = chinaIso(now);
  const article: StoredArticle = {
    id: randomUUID(), kind: input.kind, title: input.title, summary: input.summary, coverUrl: input.coverUrl || undefined,
    body: cleanBody(input.body), orgId: org.id, orgName: org.name, orgPath: org.path, status: 'draft', pinned: input.pinned ?? false,
    readPoints: input.readPoints ?? deps.rule.defaultPoints, createdAt: at, updatedAt: at, rev: 1,
  };
  await deps.articles.create(article, audit(cadreId, role.orgId, 'article.create', article, now, undefined, auditSummary(article)));
  return adminView(article);
}

function cleanBody(body: string): string {
  const clean = sanitiseArticleBody(body);
  if (!showsSomething(clean)) throw validationFailed([{ path: 'body', message: '正文没有可显示的内容' }], '正文没有可显示的内容');
  return clean;
}

export async function editArticle(deps: ArticleDeps, cadreId: string, id: string, patch: ArticlePatch, now: Date): Promise<AdminArticle> {
  const { article, role } = await articleInScope(deps, cadreId, id);
  const next: StoredArticle = {
    ...article,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    ...(patch.coverUrl !== undefined ? { coverUrl: patch.coverUrl || undefined } : {}),
    ...(patch.body !== undefined ? { body: cleanBody(patch.body) } : {}),
    updatedAt: chinaIso(now),
    rev: article.rev + 1,
  };
  const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, k === 'body' ? '（正文已修改）' : next[k as keyof StoredArticle]]));
  const action = patch.pinned !== undefined && Object.keys(patch).length === 1 ? (patch.pinned ? 'article.pin' : 'article.unpin') : 'article.update';
  await deps.articles.replace(next, article.rev, audit(cadreId, role.orgId, action, article, now, auditSummary(article), changed));
  return adminView(next);
}

/** Draft → published (or back): conditioned on the state read, so a double tap publishes once. */
export async function setArticleStatus(deps: ArticleDeps, cadreId: string, id: string, status: ArticleStatus, now: Date): Promise<AdminArticle> {
  const { article, role } = await articleInScope(deps, cadreId, id);
  if (article.status === status) throw new AppError('INVALID_STATE', status === 'published' ? '该资讯已发布' : '该资讯未发布');
  const next: StoredArticle = {
    ...article, status, updatedAt: chinaIso(now), rev: article.rev + 1,
    ...(status === 'published' ? { publishedAt: chinaIso(now) } : {}),
  };
  await deps.articles.replace(next, article.rev, audit(cadreId, role.orgId, status === 'published' ? 'article.publish' : 'article.unpublish', article, now, { status: article.status }, { status }));
  return adminView(next);
}

export async function articleForCadre(deps: ArticleDeps, cadreId: string, id: string): Promise<AdminArticle> {
  return adminView((await articleInScope(deps, cadreId, id)).article);
}

export async function listArticlesInScope(deps: ArticleDeps, cadreId: string, q: { orgId?: string; status?: ArticleStatus; limit: number; cursor?: string }) {
  const { org } = await scopedOrg(deps, cadreId, q.orgId);
  const out = await deps.articles.inScope(org.id, q.limit, q.cursor);
  return { items: out.items.filter((a) => !q.status || a.status === q.status).map(adminView), nextCursor: out.nextCursor };
}
