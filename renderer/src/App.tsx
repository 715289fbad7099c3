import { AudioLines, FileAudio, Library, Mic, Settings, WifiOff, type LucideIcon } from 'lucide-react';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../shared/testids';
import { afterNextPaint } from './after-paint';
import { useApp, type Screen } from './app-store';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ReadOnlyBanner } from './components/ReadOnlyBanner';
import { SandboxBanner } from './components/SandboxBanner';
import { Toasts } from './components/Toasts';
import { useCloneNotifications } from './features/enroll/use-clone-notifications';
import { GuideButton } from './features/onboarding/GuideButton';
import { DropOverlay } from './features/samples/DropOverlay';
import { UpdateNotice } from './features/updates/UpdateNotice';
import { resolveLanguage, setLanguage } from './i18n';
import { screenView } from './screens';
import { useTheme } from './theme/use-theme';
import { useScreenShortcuts } from './use-screen-shortcuts';

const NAV: Array<{ screen: Screen; icon: LucideIcon; testId: string }> = [
  { screen: 'record', icon: Mic, testId: TEST_IDS.navRecord },
  { screen: 'samples', icon: FileAudio, testId: TEST_IDS.navSamples },
  { screen: 'library', icon: Library, testId: TEST_IDS.navLibrary },
  { screen: 'try', icon: AudioLines, testId: TEST_IDS.navTry },
  { screen: 'settings', icon: Settings, testId: TEST_IDS.navSettings },
];

/** The sidebar's screens in order: Ctrl/⌘+1…5 opens them. */
const NAV_SCREENS = NAV.map((item) => item.screen);

/**
 * After a screen change, its heading takes focus: keyboard and screen-reader users start at the
 * new screen instead of staying on the sidebar button (not on launch, where focus starts at the top).
 * Rendered beside the screen inside Suspense, so it runs once the screen's chunk has arrived.
 */
function FocusScreenHeading({ screen }: { screen: Screen }) {
  const shownScreen = useRef(screen);
  useEffect(() => {
    if (shownScreen.current === screen) return;
    shownScreen.current = screen;
    // Once the screen is painted: focusing forces a layout, which held up its first paint. Not if
    // focus went somewhere else meanwhile (Ctrl+F right after opening the Library).
    const focusedBefore = document.activeElement;
    return afterNextPaint(() => {
      if (document.activeElement !== focusedBefore) return;
      // The Library stays in the page while hidden: the heading to focus is the one shown.
      [...document.querySelectorAll<HTMLElement>('#main h1')].find((heading) => heading.checkVisibility({ visibilityProperty: true }))?.focus({ preventScroll: true });
    });
  }, [screen]);
  return null;
}

export function App() {
  const { t } = useTranslation();
  const screen = useApp((state) => state.screen);
  const go = useApp((state) => state.go);
  const preferences = useApp((state) => state.preferences);
  const info = useApp((state) => state.info);
  const online = useApp((state) => state.online);

  useTheme(preferences.theme);
  useCloneNotifications();
  useScreenShortcuts(NAV_SCREENS, go);
  useEffect(() => {
    void setLanguage(resolveLanguage(preferences.uiLanguage, info?.systemLocale ?? navigator.language));
  }, [preferences.uiLanguage, info?.systemLocale]);

  // The window title names the screen (what a screen reader reads when switching windows). Set
  // once the screen is painted: setting it took up to 5 ms of a screen change before its paint.
  const screenTitle = screen === 'onboarding' ? t('onboarding:title') : t(`screens.${screen}.title`);
  useEffect(() => afterNextPaint(() => {
    document.title = `${screenTitle} · ${t('appName')}`;
  }), [screenTitle, t]);

  const View = screenView(screen);
  const LibraryView = screenView('library');
  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('skipToContent')}</a>
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            <AudioLines size={20} />
          </span>
          <div>
            <div className="brand-name">{t('appName')}</div>
            <div className="brand-tagline">{t('tagline')}</div>
          </div>
        </div>
        <ul className="nav-list">
          {NAV.map(({ screen: target, icon: Icon, testId }) => (
            <li key={target}>
              <button
                type="button"
                className="nav-item"
                data-testid={testId}
                aria-current={screen === target || (screen === 'enroll' && target === 'record') ? 'page' : undefined}
                onClick={() => go(target)}
              >
                <Icon size={18} aria-hidden />
                <span>{t(`nav.${target}`)}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="sidebar-footer">
          <GuideButton />
          {!online && (
            <div className="offline-badge" role="status" title={t('status.offline')}>
              <WifiOff size={14} aria-hidden /> {t('status.offline')}
            </div>
          )}
          {info && <div className="version">v{info.version}</div>}
        </div>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        {info?.readOnly && <ReadOnlyBanner dataDir={info.dataDir} />}
        {info && !info.sandboxed && <SandboxBanner />}
        <UpdateNotice />
        <ErrorBoundary resetKey={screen}>
          <Suspense fallback={null}>
            {/* One component per screen, made once and kept in screens.tsx, not a new type per render. */}
            {/* eslint-disable-next-line react-hooks/static-components */}
            {screen !== 'library' && <View />}
            <FocusScreenHeading screen={screen} />
          </Suspense>
        </ErrorBoundary>
        {/*
          The Library is rendered ahead while another screen shows, laid out where it will show
          but invisible: not display: none, which would drop its layout; invisible content is
          neither focusable nor read out. Opening it only restyles and repaints it (its first
          layout, ~20 ms for a screen of rows, was done while the user was elsewhere), and leaving
          it keeps its place. It acts on keys only while shown.
        */}
        <div className="screen-ahead" data-shown={screen === 'library' || undefined}>
          <ErrorBoundary resetKey={screen}>
            <Suspense fallback={null}>
              {/* eslint-disable-next-line react-hooks/static-components */}
              <LibraryView />
            </Suspense>
          </ErrorBoundary>
        </div>
      </main>
      <DropOverlay />
      <Toasts />
    </div>
  );
}
