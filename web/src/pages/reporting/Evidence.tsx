import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import { download, upload } from '../../api/client';
import { problemText } from '../../api/problem';
import type { Evidence } from '../../api/views';
import { fileSize } from '../../app/format';
import { ProblemAlert } from '../../components/ProblemAlert';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,application/pdf,image/jpeg,image/png';

/** A report's evidence files: download each, and upload more (with progress) while the report can be edited. */
export function EvidenceFiles({ reportId, files, editable, onUploaded }: { reportId: string; files: Evidence[]; editable: boolean; onUploaded: (e: Evidence) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<unknown>();
  const { message } = App.useApp();

  const send = async (file: File) => {
    setError(undefined);
    setProgress({ name: file.name, percent: 0 });
    try {
      const saved = await upload('/api/v1/reports/{reportId}/evidence', {
        path: { reportId },
        file,
        onProgress: (percent) => setProgress({ name: file.name, percent }),
      });
      onUploaded(saved);
      message.success(`已上传：${file.name}`);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div>
      {files.length ? (
        <Flex vertical gap={2}>
          {files.map((f) => (
            <span key={f.id}>
              <PaperClipOutlined />{' '}
              <a
                href={`/api/v1/reports/${reportId}/evidence/${f.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  download(`/api/v1/reports/${reportId}/evidence/${f.id}`, f.fileName).catch((err) => message.error(problemText(err)));
                }}
              >
                {f.fileName}
              </a>{' '}
              <Typography.Text type="secondary">{fileSize(f.size)}</Typography.Text>
            </span>
          ))}
        </Flex>
      ) : !editable ? (
        <Typography.Text type="secondary">无佐证材料</Typography.Text>
      ) : null}
      {editable ? (
        <div style={{ marginTop: 6 }}>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            style={{ display: 'none' }}
            aria-label="选择佐证材料文件"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void send(file);
            }}
          />
          <Button size="small" icon={<UploadOutlined />} disabled={!!progress} onClick={() => input.current?.click()}>
            上传佐证材料
          </Button>
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            PDF、图片、Word、Excel
          </Typography.Text>
          {progress ? (
            <div aria-live="polite">
              <Typography.Text style={{ fontSize: 12 }}>正在上传 {progress.name}</Typography.Text>
              <Progress percent={progress.percent} size="small" />
            </div>
          ) : null}
          <ProblemAlert error={error} style={{ marginTop: 8, marginBottom: 0 }} />
        </div>
      ) : null}
    </div>
  );
}
