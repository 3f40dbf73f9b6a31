import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Command } from 'commander';
import { AppModule } from '../app.module.js';
import { loadConfigOrExit } from '../config/app-config.js';
import { runImport, type ImportOptions } from './import-command.js';

// A one-shot command runs no job worker; the service does.
process.env.JOBS_ENABLED ??= 'false';
// The same settings as the service: .env, or what `npm run demo` left in .data/demo.env.
loadConfigOrExit();

const program = new Command('cli').description('碳达峰实施方案跟踪系统命令行工具');

program
  .command('import')
  .description('导入任务分工表（.xlsx 或 .csv）')
  .argument('<file>', '任务分工表文件')
  .requiredOption('--plan <id>', '方案编号')
  .option('--dry-run', '只校验，不写入')
  .option('--json', '输出与 API 相同的 JSON 报告')
  .action(async (file: string, options: ImportOptions) => {
    // Nothing but the report on stdout: Nest's own messages would break --json.
    const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'], bufferLogs: false });
    try {
      process.exitCode = await runImport(app, file, options);
    } finally {
      await app.close();
    }
  });

await program.parseAsync(process.argv);
