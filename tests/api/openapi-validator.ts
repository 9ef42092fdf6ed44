/**
 * An independent check of the API's answers against the published openapi.json (Ajv on the document's JSON
 * Schemas — not the project's own zod): every answer the API suite receives must have a documented status,
 * media type and body. Used by tests/api/client.ts on every call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

interface Doc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
}
const doc = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'openapi.json'), 'utf8')) as Doc;
const ajv = new Ajv({ strict: false, allErrors: false });
addFormats(ajv);
ajv.addSchema({ components: doc.components }, 'openapi');
const compiled = new Map<string, ValidateFunction>();

/** `#/components/schemas/X` inside the document becomes `openapi#/components/schemas/X` for Ajv. */
const rebase = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));

const templates = Object.keys(doc.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** The documented operation of a request, or undefined for a path the contract does not have. */
function operationOf(method: string, path: string) {
  const bare = path.split('?')[0];
  // Literal segments win over parameters (e.g. /v1/me/messages/read-all over /v1/me/messages/{id}/read).
  const match = templates.filter((t) => t.pattern.test(bare) && doc.paths[t.template][method.toLowerCase()]).sort((a, b) => a.template.split('{').length - b.template.split('{').length)[0];
  return match ? { template: match.template, op: doc.paths[match.template][method.toLowerCase()] } : undefined;
}

/** Problems of one answer against the document; empty when it is as documented. */
export function undocumented(method: string, path: string, status: number, contentType: string | null, body: unknown): string[] {
  const found = operationOf(method, path);
  const label = `${method} ${path.split('?')[0]} → ${status}`;
  if (!found) {
    // Unknown routes answer the error body (the $default route).
    const ok = status === 404 && (body as { error?: { code?: string } })?.error?.code === 'NOT_FOUND';
    return ok ? [] : [`${label}: not in openapi.json and not the NOT_FOUND error body`];
  }
  const response = found.op.responses[String(status)];
  if (!response) return [`${label}: status not documented for ${found.template}`];
  const type = (contentType ?? '').split(';')[0].trim();
  if (!response.content) return [];
  if (!type && (body === undefined || body === '')) return [`${label}: empty answer where ${Object.keys(response.content).join('/')} is documented`];
  const media = response.content[type];
  if (!media) return [`${label}: media type ${type || '(none)'} not documented (${Object.keys(response.content).join(', ')})`];
  if (type !== 'application/json') return [];
  const key = `${method} ${found.template} ${status}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(rebase(media.schema) as object);
    compiled.set(key, validate);
  }
  if (validate(body)) return [];
  return [`${label}: body does not match the documented schema: ${ajv.errorsText(validate.errors)} — ${JSON.stringify(body).slice(0, 300)}`];
}
