import { DomainError } from './domain-error.js';
import { cleanText } from './sanitize.pipe.js';

export interface Upload {
  buffer: Buffer;
  name: string;
}

/** The uploaded file of a multipart request, or a 400 naming the missing field. */
export function requireUpload(file: Express.Multer.File | undefined, message: string): Upload {
  if (!file) throw new DomainError('UPLOAD.NO_FILE', 400, message, [{ field: 'file', message: '缺少文件' }]);
  // multer decodes the file name as latin1; browsers send UTF-8 (中文文件名). Path parts are dropped: a name is a name.
  const decoded = cleanText(Buffer.from(file.originalname, 'latin1').toString('utf8'));
  const name = decoded.split(/[\\/]/).pop()!.trim().slice(-200) || '未命名文件';
  return { buffer: file.buffer, name };
}
