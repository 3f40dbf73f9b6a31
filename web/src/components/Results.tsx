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
