import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Progress, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { upload, type Data } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SOURCE_NAMES } from './labels';

type Report = Data<'/api/v1/plans/{planId}/indicator-actuals/import', 'post'>;

const ACTION_NAMES: Record<string, string> = { create: '新增', replace: '替换', unchanged: '不变', invalid: '有误' };

/**
 * The office's bulk entry of figures from a spreadsheet: the file is checked first (nothing written) and
 * the rows shown; only a file without problems can then be imported, all rows or none.
 */
export function ImportActualsModal({ planId, open, onClose, onDone }: { planId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();

  const run = async (f: File, dryRun: boolean) => {
    setError(undefined);
    setProgress(0);
    try {
      const r = await upload('/api/v1/plans/{planId}/indicator-actuals/import', { path: { planId }, query: { dryRun }, file: f, onProgress: setProgress });
      if (dryRun) setReport(r);
      else {
        message.success(`已导入：新增 ${r.create} 条，替换 ${r.replace} 条，不变 ${r.unchanged} 条`);
        reset();
        onDone();
      }
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  const reset = () => {
    setFile(null);
    setReport(null);
    setError(undefined);
    if (input.current) input.current.value = '';
  };

  return (
    <Modal
      title="导入指标实际值"
      open={open}
      width={760}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={[
        <Button
          key="cancel"
          onClick={() => {
            reset();
            onClose();
          }}
        >
          取消
        </Button>,
        <Button key="ok" type="primary" disabled={!file || !report || report.errors.length > 0} loading={progress !== null && !!report} onClick={() => file && run(file, false)}>
          确认导入
        </Button>,
      ]}
    >
      <Typography.Paragraph>表格（.xlsx 或 .csv）的列：指标、年份、单位、实际值、数据来源、备注。先校验，不写入；全部无误后再确认导入，导入的数值均待核实。</Typography.Paragraph>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv"
        style={{ display: 'none' }}
        aria-label="选择指标实际值表"
        onChange={(e) => {
          const f = e.target.files?.[0];
          // Without clearing, choosing the same (corrected) file again fires no change event.
          e.target.value = '';
          if (!f) return;
          setFile(f);
          setReport(null);
          void run(f, true);
        }}
      />
      <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} disabled={progress !== null}>
        {file ? '重新选择文件' : '选择文件并校验'}
      </Button>
      {file ? <Typography.Text style={{ marginInlineStart: 8 }}>{file.name}</Typography.Text> : null}
      {progress !== null ? <Progress percent={progress} size="small" /> : null}
      <ProblemAlert error={error} style={{ marginTop: 12 }} />
      {report ? (
        <div style={{ marginTop: 12 }}>
          {report.errors.length ? (
            <Alert
              type="error"
              showIcon
              title={`有 ${report.errors.length} 处问题，改正后重新选择文件`}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {report.errors.slice(0, 20).map((p, i) => (
                    <li key={i}>{p.message}</li>
                  ))}
                </ul>
              }
            />
          ) : (
            <Alert type="success" showIcon title={`校验通过：将新增 ${report.create} 条，替换 ${report.replace} 条，不变 ${report.unchanged} 条`} />
          )}
          <Table
            rowKey="line"
            size="small"
            style={{ marginTop: 12 }}
            dataSource={report.rows}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: '行', dataIndex: 'line', width: 50 },
              { title: '指标', dataIndex: 'indicator' },
              { title: '年份', dataIndex: 'year', width: 70 },
              { title: '单位', dataIndex: 'unit' },
              { title: '实际值', dataIndex: 'value', width: 90 },
              { title: '来源', dataIndex: 'source', width: 90, render: (s: string | null) => (s ? (SOURCE_NAMES[s] ?? s) : '—') },
              { title: '处理', dataIndex: 'action', width: 70, render: (a: string) => ACTION_NAMES[a] ?? a },
            ]}
          />
        </div>
      ) : null}
    </Modal>
  );
}
