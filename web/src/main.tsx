import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import './app/format';
import './app/global.css';
import { AuthProvider } from './app/auth';
import { AppRouter } from './app/router';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      // "登录" stays "登录" (antd would space two-character labels as "登 录"), for readers and screen readers alike.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          colorPrimary: '#1f6f43',
          fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif',
        },
        components: { Menu: { itemSelectedBg: '#e3f1e8', itemSelectedColor: '#1f6f43' } },
      }}
    >
      <AntApp>
        <AuthProvider>
          <AppRouter />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
