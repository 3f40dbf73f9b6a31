import { Spin } from 'antd';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router';
import { useAuth } from './auth';
import { AppLayout } from './AppLayout';
import { Forbidden, NotFound, ServiceUnreachable } from '../components/Results';
import { SCREENS, type ScreenRoute } from './routes';

function FullPageSpin() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" description="正在加载…" />
    </div>
  );
}

/** Signed-in users only; a user whose password was reset goes to the password screen first. */
function RequireAuth({ children, allowMustChange = false }: { children: React.ReactNode; allowMustChange?: boolean }) {
  const { status, me, resume, signOut } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'unreachable') return <ServiceUnreachable onRetry={resume} onSignOut={() => void signOut()} />;
  if (status === 'anonymous' || !me) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.mustChangePassword && !allowMustChange) return <Navigate to="/password" replace />;
  return <>{children}</>;
}

/** The first screen after signing in: what this person works on most. */
function Home() {
  const { can, isUnitUser } = useAuth();
  if (isUnitUser && can('reports:write')) return <Navigate to="/my-reports" replace />;
  if (can('dashboard:read')) return <Navigate to="/dashboard" replace />;
  return <Navigate to="/work-items" replace />;
}

function ScreenGuard({ route, children }: { route: ScreenRoute; children: React.ReactNode }) {
  const { can, isUnitUser, me } = useAuth();
  const allowed = (!route.permission || can(route.permission)) && (!route.unitUsersOnly || isUnitUser) && (!route.planWideOnly || !!me?.planWide);
  if (!allowed) return <Forbidden />;
  return <>{children}</>;
}

const router = createBrowserRouter([
  {
    path: '/login',
    lazy: async () => ({ Component: (await import('../pages/auth/LoginPage')).default }),
    hydrateFallbackElement: <FullPageSpin />,
  },
  {
    path: '/password',
    lazy: async () => {
      const Page = (await import('../pages/auth/ChangePasswordPage')).default;
      return {
        Component: () => (
          <RequireAuth allowMustChange>
            <Page />
          </RequireAuth>
        ),
      };
    },
    hydrateFallbackElement: <FullPageSpin />,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    hydrateFallbackElement: <FullPageSpin />,
    children: [
      { index: true, Component: Home },
      ...SCREENS.map((route) => ({
        path: route.path,
        handle: { title: route.title },
        lazy: async () => {
          const Page = (await route.load()).default;
          return {
            Component: () => (
              <ScreenGuard route={route}>
                <Page />
              </ScreenGuard>
            ),
          };
        },
      })),
      { path: '*', Component: NotFound, handle: { title: '页面不存在' } },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
