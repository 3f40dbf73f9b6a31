import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  FlagOutlined,
  FileTextOutlined,
  TrophyOutlined,
  LineChartOutlined,
  BookOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  DownOutlined,
  FormOutlined,
  HistoryOutlined,
  LogoutOutlined,
  KeyOutlined,
  MenuOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  AlertOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Badge, Button, Drawer, Dropdown, Grid, Layout, Menu, Progress, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useMatches, useNavigate, useNavigation, useNavigationType } from 'react-router';
import { ROLE_NAMES } from '../api/labels';
import { api } from '../api/client';
import { onUnreadChanged } from '../pages/notifications/unread';
import { useAuth } from './auth';
import { SCREENS } from './routes';

const ICONS: Record<string, React.ReactNode> = {
  dashboard: <DashboardOutlined />,
  form: <FormOutlined />,
  'unordered-list': <UnorderedListOutlined />,
  audit: <AuditOutlined />,
  clock: <ClockCircleOutlined />,
  book: <BookOutlined />,
  apartment: <ApartmentOutlined />,
  team: <TeamOutlined />,
  history: <HistoryOutlined />,
  bell: <BellOutlined />,
  flag: <FlagOutlined />,
  'file-text': <FileTextOutlined />,
  trophy: <TrophyOutlined />,
  alarm: <AlertOutlined />,
  send: <SendOutlined />,
  'line-chart': <LineChartOutlined />,
};

/** Polls the caller's unread count (every minute, on focus, and at once when the inbox marks something read). */
function useUnreadCount(enabled: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    const load = () =>
      api.get('/api/v1/notifications/unread-count').then(
        (r) => alive && setCount(r.unread),
        () => undefined,
      );
    load();
    const timer = window.setInterval(load, 60_000);
    window.addEventListener('focus', load);
    const off = onUnreadChanged(load);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', load);
      off();
    };
  }, [enabled]);
  return count;
}

const SYSTEM_NAME = '碳达峰实施方案责任落实跟踪系统';

export function AppLayout() {
  const { me, unit, can, isUnitUser, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const navigation = useNavigation();
  const matches = useMatches();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const unread = useUnreadCount(!!me);

  const title = [...matches].reverse().find((m) => (m.handle as { title?: string } | undefined)?.title)?.handle as { title: string } | undefined;
  useEffect(() => {
    document.title = title ? `${title.title} - ${SYSTEM_NAME}` : SYSTEM_NAME;
  }, [title]);
  // The phone's menu closes when the user goes somewhere (a menu item, a link, back), not when the app redirects
  // on its own (the home screen's redirect lands only once its code has loaded, after the menu may be open).
  const navigationType = useNavigationType();
  useEffect(() => {
    if (navigationType !== 'REPLACE') setDrawerOpen(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.pathname]);

  const items = useMemo(
    () =>
      SCREENS.filter((s) => s.menu && (!s.permission || can(s.permission)) && (!s.menuHiddenWith || !can(s.menuHiddenWith)) && (!s.unitUsersOnly || isUnitUser) && (!s.planWideOnly || me?.planWide)).map((s) => ({
        key: `/${s.path}`,
        icon: s.icon ? ICONS[s.icon] : undefined,
        label: s.menu,
      })),
    [can, isUnitUser, me?.planWide],
  );
  const selected = items.filter((i) => location.pathname === i.key || location.pathname.startsWith(`${i.key}/`)).map((i) => i.key);

  const menu = <Menu mode="inline" selectedKeys={selected} items={items} onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }} style={{ borderInlineEnd: 0 }} aria-label="主菜单" />;
  const roleNames = (me?.roles ?? []).map((r) => ROLE_NAMES[r]).join('、');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        跳到正文
      </a>
      {!narrow ? (
        <Layout.Sider width={208} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 16px 8px', fontWeight: 600, color: '#1f6f43', lineHeight: 1.4 }}>碳达峰责任落实跟踪</div>
          {menu}
        </Layout.Sider>
      ) : null}
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: narrow ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: '56px',
          }}
        >
          {narrow ? <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} /> : null}
          <Typography.Text strong ellipsis style={{ flex: 1, fontSize: narrow ? 14 : 16 }}>
            {narrow ? (title?.title ?? SYSTEM_NAME) : SYSTEM_NAME}
          </Typography.Text>
          <Badge count={unread} size="small" overflowCount={99} offset={[-6, 6]}>
            <Button
              type="text"
              icon={<BellOutlined />}
              data-testid="inbox-link"
              aria-label={unread ? `消息，${unread} 条未读` : '消息'}
              onClick={() => navigate('/notifications')}
            />
          </Badge>
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'who', label: <span>{roleNames}</span>, disabled: true },
                { type: 'divider' },
                { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
              ],
              onClick: async ({ key }) => {
                if (key === 'password') navigate('/password');
                if (key === 'logout') {
                  await signOut();
                  navigate('/login', { replace: true });
                }
              },
            }}
          >
            <Button type="text" aria-label="账号菜单" data-testid="user-menu" style={{ maxWidth: narrow ? 170 : 360 }}>
              <Typography.Text ellipsis style={{ maxWidth: narrow ? 130 : 320 }}>
                {unit ? `${unit.name} · ` : ''}
                {me?.displayName}
              </Typography.Text>
              <DownOutlined />
            </Button>
          </Dropdown>
        </Layout.Header>
        {navigation.state === 'loading' ? <Progress percent={100} status="active" showInfo={false} size={{ height: 2 }} style={{ lineHeight: 0, margin: 0 }} aria-label="正在打开页面" /> : null}
        <Layout.Content id="main" tabIndex={-1} style={{ padding: narrow ? 8 : 16, outline: 'none' }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={240} title="碳达峰责任落实跟踪" styles={{ body: { padding: 0 } }}>
        {menu}
      </Drawer>
    </Layout>
  );
}
