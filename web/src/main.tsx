import { render } from 'preact';
import { api, must, useSession } from './api/client';
import { App } from './app';
import { startSession } from './auth/session';
import { loadConfig } from './config';
import { browserLanguage, isLanguage, setLanguage, t } from './i18n';
import './styles.css';

/** Start: configuration, the session (or off to sign in), the signed-in staff member, their language. */
async function boot() {
  const root = document.getElementById('app')!;
  await setLanguage(browserLanguage());
  try {
    const config = await loadConfig();
    const session = await startSession(config.signIn);
    if (!session) return; // on the way to sign in
    useSession(session);
    const me = await must(api.GET('/me'));
    if (isLanguage(me.language)) await setLanguage(me.language);
    render(<App config={config} session={session} initialMe={me} />, root);
  } catch (error) {
    render(
      <main class="boot-error">
        <h1>{t('boot.failed')}</h1>
        <p>{t('boot.retry')}</p>
        <pre>{String(error)}</pre>
      </main>,
      root,
    );
  }
}

void boot();
