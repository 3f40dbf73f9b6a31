import { ConfigError, loadConfig } from './app-config.js';

describe('configuration', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u@h:5432/db', PORT: '8080', JWT_SECRET: 'x'.repeat(32), AUDIT_HMAC_KEY: 'k'.repeat(32) });
    expect(config).toMatchObject({ PORT: 8080, REDIS_URL: 'redis://127.0.0.1:6379', IMPORT_MAX_BYTES: 5 * 1024 * 1024 });
  });

  it('refuses to start with a message naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (e) {
      expect((e as Error).message).toMatch(/DATABASE_URL/);
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/LOG_LEVEL/);
      expect((e as Error).message).toMatch(/AUDIT_HMAC_KEY/);
    }
  });

  it('names each bad variable once, before its message', () => {
    const bad = { DATABASE_URL: 'mysql://u@h:3306/db', JWT_SECRET: 'short', AUDIT_HMAC_KEY: 'k'.repeat(32) };
    expect(() => loadConfig(bad)).toThrow('配置无效，服务拒绝启动 (invalid configuration):\n  DATABASE_URL: 必须是 postgresql:// 连接串\n  JWT_SECRET: 至少 32 个字符');
  });
});
