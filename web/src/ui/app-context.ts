import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Schemas } from '../api/client';
import type { Session } from '../auth/session';
import type { ConsoleConfig } from '../config';
import type { Language } from '../i18n';

export interface AppState {
  config: ConsoleConfig;
  session: Session;
  me: Schemas['Staff'];
  language: Language;
  changeLanguage: (language: Language) => Promise<void>;
}

export const AppContext = createContext<AppState | undefined>(undefined);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside the signed-in console');
  return state;
}
