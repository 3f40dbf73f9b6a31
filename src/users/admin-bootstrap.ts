import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { AppConfig } from '../config/app-config.js';
import { PrismaService } from '../prisma/prisma.service.js';

const ADMIN_UNIT = '系统管理';

/** On first start with no users, creates the administrator from ADMIN_USERNAME / ADMIN_PASSWORD. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('AdminBootstrap');

  constructor(
    private readonly prisma: PrismaService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap() {
    const { ADMIN_USERNAME: username, ADMIN_PASSWORD: password } = this.config;
    if (!username || !password) return;
    if ((await this.prisma.user.count()) > 0) return;
    const passwordHash = await hashPassword(password);
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('admin-bootstrap'))`;
      if ((await tx.user.count()) > 0) return;
      const unit = (await tx.unit.findFirst({ where: { name: ADMIN_UNIT, parentId: null } })) ?? (await tx.unit.create({ data: { name: ADMIN_UNIT, kind: 'other' } }));
      const user = await tx.user.create({ data: { username, displayName: '系统管理员', unitId: unit.id, roles: ['system_admin'], passwordHash } });
      await this.audit.record(tx, { action: 'user.bootstrap_admin', entityType: 'User', entityId: user.id, after: { username }, actor: null });
    });
    this.logger.log(`已创建初始管理员 ${username}`);
  }
}
