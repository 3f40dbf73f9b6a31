import { DomainError } from './domain-error.js';

export interface Upload {
  buffer: Buffer;
  name: string;
}

/** The uploaded file of a multipart request, or a 400 naming the missing field. */
export function requireUpload(file: Express.Multer.File | undefined, message: string): Upload {
  if (!file) throw new DomainError('UPLOAD.NO_FILE', 400, message, [{ field: 'file', message: '缺少文件' }]);
  // multer decodes the file name as latin1; browsers send UTF-8 (中文文件名).
  return { buffer: file.buffer, name: Buffer.from(file.originalname, 'latin1').toString('utf8') };
}
