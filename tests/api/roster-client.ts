/** Roster uploads over HTTP: multipart/form-data as wx.uploadFile and a browser's FormData send it. */
import { TEST_API } from '../setup/ports';
import type { Answer } from './client';

export async function upload(token: string, file: Buffer, opts: { fileName?: string; orgId?: string; kind?: string } = {}): Promise<Answer> {
  const form = new FormData();
  if (opts.orgId !== undefined) form.set('orgId', opts.orgId);
  form.set('kind', opts.kind ?? 'members');
  form.set('file', new Blob([new Uint8Array(file)]), opts.fileName ?? 'roster.xlsx');
  const response = await fetch(`${TEST_API}/v1/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: response.status, body: body as any, headers: response.headers };
}
