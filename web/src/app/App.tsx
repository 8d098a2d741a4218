import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Route, Routes } from 'react-router';
import { setUnauthenticatedHandler } from '../api/client.ts';
import { authKeys } from '../features/auth/queries.ts';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { I18nProvider, useI18n } from '../i18n/I18nProvider.tsx';
import { AppLayout } from './AppLayout.tsx';
import { navigation } from './navigation.tsx';
import './app.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
});

// Any 401 means the session is gone: forget the user, and the layout sends them to the login page.
setUnauthenticatedHandler(() => {
  queryClient.setQueryData(authKeys.me, null);
});

function Localized() {
  const { language } = useI18n();
  return (
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#b91c1c', borderRadius: 4 } }}
    >
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route element={<AppLayout />}>
              {navigation.map((item) => (
                <Route
                  key={item.path}
                  path={item.path === '/' ? undefined : `${item.path}/*`}
                  index={item.path === '/'}
                  element={item.element}
                />
              ))}
            </Route>
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localized />
      </I18nProvider>
    </QueryClientProvider>
  );
}
