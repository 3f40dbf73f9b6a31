import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useLoad } from '../../app/useLoad';
import { LoadState } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { AnnualReportView } from './AnnualReportView';

/** One unit's annual report by address (the office opens it from the cycle's list). */
export default function AnnualReportPage() {
  const { id = '' } = useParams();
  const report = useLoad(() => api.get('/api/v1/annual-reports/{id}', { params: { path: { id } } }), [id]);
  return (
    <div>
      <PageHeader title={report.data ? `${report.data.unitName} ${report.data.year} 年度报告` : '年度报告'} sub={<Link to="/year-end">返回年度报告</Link>} />
      <LoadState loading={report.loading && !report.data} error={report.error} what="年度报告" onRetry={report.reload}>
        {report.data ? <AnnualReportView report={report.data} onChange={report.setData} /> : null}
      </LoadState>
    </div>
  );
}
