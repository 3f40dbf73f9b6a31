#!/bin/sh
# The container's start: secrets that must stay stable are made once and kept in the /data volume, the
# database is migrated as its owner, then the service runs as the least-privilege role (docs/threat-model.md).
set -eu

: "${DATABASE_URL:?DATABASE_URL 未设置：服务连接数据库所用的角色（只能增改数据行）}"
: "${MIGRATION_DATABASE_URL:=$DATABASE_URL}"
export MIGRATION_DATABASE_URL
SECRETS_FILE="${SECRETS_FILE:-/data/secrets.env}"

# JWT_SECRET and AUDIT_HMAC_KEY: given, or generated on first start and kept (a new audit key would make every
# earlier event fail verification; a new JWT secret ends every session).
if [ ! -f "$SECRETS_FILE" ]; then
  umask 077
  {
    echo "JWT_SECRET=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")"
    echo "AUDIT_HMAC_KEY=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")"
  } > "$SECRETS_FILE"
  echo "[entrypoint] 已生成 JWT_SECRET 与 AUDIT_HMAC_KEY，保存在 $SECRETS_FILE（请备份该卷）"
fi
while IFS='=' read -r key value; do
  case "$key" in
    JWT_SECRET) [ -n "${JWT_SECRET:-}" ] || export JWT_SECRET="$value" ;;
    AUDIT_HMAC_KEY) [ -n "${AUDIT_HMAC_KEY:-}" ] || export AUDIT_HMAC_KEY="$value" ;;
  esac
done < "$SECRETS_FILE"

node scripts/prisma.mjs migrate deploy
# The first administrator (ADMIN_USERNAME / ADMIN_PASSWORD) is created by the service on its first start.
exec node dist/src/main.js
