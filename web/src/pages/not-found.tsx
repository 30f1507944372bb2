import { t } from '../i18n';
import { Page } from '../ui/kit';

export function NotFound() {
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('nav.myWork')}</a>
      </p>
    </Page>
  );
}
