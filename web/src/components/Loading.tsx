import { Skeleton } from 'antd';
import { isApiError } from '../api/problem';
import { NotFound } from './Results';
import { ProblemAlert } from './ProblemAlert';

/** Loading, failed (404 as not-found, the rest as the service's words) or the content. */
export function LoadState({ loading, error, what, children, onRetry }: { loading: boolean; error: unknown; what?: string; children: React.ReactNode; onRetry?: () => void }) {
  if (error) {
    if (isApiError(error) && error.status === 404) return <NotFound what={what} />;
    return (
      <div>
        <ProblemAlert error={error} />
        {onRetry ? (
          <a role="button" tabIndex={0} onClick={onRetry} onKeyDown={(e) => e.key === 'Enter' && onRetry()}>
            重试
          </a>
        ) : null}
      </div>
    );
  }
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} />;
  return <>{children}</>;
}
