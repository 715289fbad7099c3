// The design system first, so each feature's stylesheet (imported by its screen) can refine it.
import './theme/tokens.css';
import './theme/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { useApp } from './app-store';
import { initI18n, loadLanguage, resolveLanguage } from './i18n';
import { preloadLibrary, preloadScreen } from './screens';
import { applyTheme } from './theme/use-theme';

async function boot() {
  const library = preloadLibrary();
  const app = useApp.getState().load();
  // The interface's strings, while main answers: the language is almost always the system's.
  void loadLanguage(resolveLanguage('system', navigator.language)).catch(() => undefined);
  await app;
  // Someone with voices opens on them; with none yet, on Record (a new user, on the guide).
  if (useApp.getState().screen === 'record' && (await library.catch(() => 0)) > 0) useApp.getState().go('library');
  const { preferences, info, screen } = useApp.getState();
  // The first screen's chunk, so the first paint shows the screen rather than an empty Suspense fallback.
  await preloadScreen(screen);
  // Before the first paint, so a dark-mode user never sees a light flash.
  applyTheme(preferences.theme);
  await initI18n(resolveLanguage(preferences.uiLanguage, info?.systemLocale ?? navigator.language));
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void boot();
