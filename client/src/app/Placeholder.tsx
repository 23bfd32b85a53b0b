import { useT } from '../i18n';
import { usePath } from './router';

/** Stands in for a screen another engineer is building (instructor, presentation, print). */
export default function Placeholder() {
  const t = useT();
  const path = usePath();
  return (
    <main className="page page--narrow">
      <h1>{path}</h1>
      <p>{t('app.placeholder')}</p>
    </main>
  );
}
