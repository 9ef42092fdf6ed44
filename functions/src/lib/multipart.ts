/**
 * multipart/form-data (what `wx.uploadFile` and a browser's FormData send) from a body already in
 * memory, with busboy: one file part, a few short fields, every limit enforced while parsing.
 */
import busboy from 'busboy';
import { AppError } from './errors';

export interface Upload {
  fields: Record<string, string>;
  file?: { fieldName: string; fileName: string; data: Buffer };
}

export function parseMultipart(body: Buffer, headers: Record<string, string | undefined>, maxFileBytes: number): Promise<Upload> {
  const type = headers['content-type'] ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) {
    return Promise.reject(new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件（字段 file）'));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: Upload['file'];
    let failure: AppError | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': type }, limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, fileSize: maxFileBytes }, defParamCharset: 'utf8' });
    } catch {
      reject(new AppError('BAD_FILE', '上传内容格式有误（multipart 边界缺失）', [{ path: 'file', message: '上传内容格式有误' }]));
      return;
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (fieldName, stream, info) => {
      const parts: Buffer[] = [];
      stream.on('data', (d: Buffer) => parts.push(d));
      stream.on('limit', () => {
        failure = new AppError('PAYLOAD_TOO_LARGE', `文件过大：一次最多上传 ${(maxFileBytes / 1024 / 1024).toFixed(0)} MB，请拆分后分批上传`);
      });
      stream.on('end', () => {
        if (fieldName === 'file') file = { fieldName, fileName: info.filename ?? '', data: Buffer.concat(parts) };
      });
    });
    parser.on('filesLimit', () => {
      failure ??= new AppError('BAD_FILE', '一次只能上传一个文件', [{ path: 'file', message: '一次只能上传一个文件' }]);
    });
    parser.on('error', () => reject(new AppError('BAD_FILE', '上传内容格式有误，请重新选择文件', [{ path: 'file', message: '上传内容格式有误' }])));
    parser.on('close', () => (failure ? reject(failure) : resolve({ fields, file })));
    parser.end(body);
  });
}
