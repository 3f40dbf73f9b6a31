import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ROOT_DIR = join(WEB_DIR, '..');
export const ARTIFACTS = join(WEB_DIR, 'e2e', 'artifacts');
export const STATE_FILE = join(ARTIFACTS, '.service.json');
export const DEMO_PASSWORD = 'Demo-2026-carbon';
