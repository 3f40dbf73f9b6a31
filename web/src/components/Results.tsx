import { Button, Result } from 'antd';
import { Link } from 'react-router';

export function NotFound({ what = '页面' }: { what?: string }) {
  return (
    <Result
      status="404"
      title="未找到"
      subTitle={`${what}不存在，或不在您的查看范围内。`}
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

export function Forbidden() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的账号没有使用此功能的权限。如确需使用，请联系领导小组办公室开通。"
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

/** A stored session the service could not resume because it did not answer: kept, with a way to try again. */
export function ServiceUnreachable({ onRetry, onSignOut }: { onRetry: () => void; onSignOut: () => void }) {
  return (
    <Result
      status="warning"
      title="服务暂时无法访问"
      subTitle="登录状态已保留。服务恢复后点击“重试”即可继续，无需重新登录。"
      extra={[
        <Button key="retry" type="primary" onClick={onRetry}>
          重试
        </Button>,
        <Button key="out" onClick={onSignOut}>
          退出登录
        </Button>,
      ]}
    />
  );
}
