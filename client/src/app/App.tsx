import { Suspense, useEffect } from 'react';
import { useLocale, useT } from '../i18n';
import { ErrorBoundary } from './ErrorBoundary';
import { matchPath, usePath } from './router';
import { ROUTES } from './routes';

function NotFound() {
  const t = useT();
  return (
    <main className="page page--narrow">
      <h1>{t('app.notFound')}</h1>
      <p>
        <a href="/">{t('app.backHome')}</a>
      </p>
    </main>
  );
}

function Loading() {
  const t = useT();
  return (
    <div className="loading" role="status">
      {t('app.loading')}
    </div>
  );
}

export function App() {
  const path = usePath();
  const locale = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (!params) continue;
    const Screen = route.component;
    return (
      <ErrorBoundary key={route.pattern}>
        <Suspense fallback={<Loading />}>
          <Screen {...params} />
        </Suspense>
      </ErrorBoundary>
    );
  }
  return <NotFound />;
}
