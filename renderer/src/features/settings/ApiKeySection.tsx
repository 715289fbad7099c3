import { ClipboardPaste, ExternalLink, Eye, EyeOff, KeyRound, LoaderCircle, PlugZap, Trash2, TriangleAlert } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import type { KeyStatus } from '../../../../shared/ipc/routes/settings';
import { isAllowedCustomBaseUrl, isPlausibleApiKey } from '../../../../shared/settings';
import { API_KEY_PAGES, REGIONS, type Region } from '../../../../shared/models';
import { TEST_IDS } from '../../../../shared/testids';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { toast } from '../../components/toast-store';
import { describeError } from '../../i18n';
import { ConnectionVerdict } from './ConnectionVerdict';
import { useSettings } from './settings-store';

const NAMED_REGIONS = REGIONS.filter((region) => region !== 'custom');

/** Form values not yet saved; absent fields show the saved preference. */
interface Draft {
  region?: Region;
  customBaseUrl?: string;
}

export function ApiKeySection() {
  const { t } = useTranslation('settings');
  const ids = { region: useId(), regionHint: useId(), baseUrl: useId(), key: useId(), keyHint: useId(), custom: useId() };
  const preferences = useApp((state) => state.preferences);
  const updatePreferences = useApp((state) => state.updatePreferences);
  const { keyStatus, busy, verdict, keychainRefused, loadStatus, saveKey, pasteKey, saveEnvironmentKey, removeKey, testConnection, clearVerdict } = useSettings();

  const [draft, setDraft] = useState<Draft>({});
  const [apiKey, setApiKey] = useState('');
  const [showKey, setShowKey] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);

  const region = draft.region ?? preferences.region;
  const customBaseUrl = draft.customBaseUrl ?? preferences.customBaseUrl;
  const typedKey = apiKey.trim();
  const keyProblem = typedKey !== '' && !isPlausibleApiKey(typedKey);
  const urlProblem = region === 'custom' && (customBaseUrl.trim() === '' ? 'missing' : isAllowedCustomBaseUrl(customBaseUrl.trim()) ? null : 'invalid');
  const preferencesChanged = region !== preferences.region || (region === 'custom' && customBaseUrl.trim() !== preferences.customBaseUrl);
  const canSave = (preferencesChanged || typedKey !== '') && !keyProblem && !urlProblem && busy === null;
  const hasKeyToTest = typedKey !== '' ? !keyProblem : Boolean(keyStatus?.hasKey && keyStatus.region === region);
  const canTest = hasKeyToTest && !urlProblem && busy === null;
  const keychainAvailable = keyStatus?.keychainAvailable ?? true;
  /** The named region whose console makes keys for the form's region (a custom endpoint is usually a Beijing workspace). */
  const consoleRegion = region === 'custom' ? 'cn-beijing' : region;
  /** What Save and Paste test once the key is stored: the verdict appears where the user is looking. */
  const testStored = () => testConnection({ region, ...(region === 'custom' ? { customBaseUrl: customBaseUrl.trim() } : {}) });

  useEffect(() => {
    void loadStatus(region);
  }, [region, loadStatus]);

  // A key saved elsewhere (another window, the environment key) shows up here too.
  useEffect(() => timbre().on('keys.changed', (status) => {
    if (status.region === region) void loadStatus(region);
  }), [region, loadStatus]);

  const showError = (error: AppError | null) => {
    if (error) toast.error(describeError(t, error));
    return error === null;
  };

  const changeRegion = (next: Region) => {
    setDraft((current) => ({ ...current, region: next }));
    setConfirmRemove(false);
    clearVerdict();
  };

  /** Stores a region or custom URL the user changed but has not saved yet, so a key lands where they see it. */
  const savePreferences = () => !preferencesChanged || updatePreferences(region === 'custom' ? { region, customBaseUrl: customBaseUrl.trim() } : { region });

  const afterKeySaved = () => {
    setApiKey('');
    setShowKey(false);
    setDraft({});
  };

  async function save(event?: FormEvent, sessionOnly = false) {
    event?.preventDefault();
    if (!canSave && !sessionOnly) return;
    if (!(await savePreferences())) return;
    if (typedKey !== '') {
      const error = await saveKey(region, typedKey, sessionOnly);
      if (error) {
        // The keychain refusing is answered in the form (with the session-only choice), not by a toast alone.
        if (error.code !== 'KEYCHAIN_WRITE_FAILED') showError(error);
        return;
      }
    }
    afterKeySaved();
    toast.success(typedKey === '' ? t('toast.regionSaved') : sessionOnly || !keychainAvailable ? t('toast.keySavedSession') : t('toast.keySaved'));
    if (typedKey !== '' || useSettings.getState().keyStatus?.hasKey) showError(await testStored());
  }

  /** Main reads the clipboard and stores the key: the page is not allowed to read the clipboard, and never sees the key. */
  async function paste() {
    if (urlProblem || busy !== null || !(await savePreferences())) return;
    const error = await pasteKey(region);
    if (error) {
      if (error.code !== 'KEYCHAIN_WRITE_FAILED') showError(error);
      keyInput.current?.focus();
      return;
    }
    afterKeySaved();
    toast.success(keychainAvailable ? t('toast.keyPasted') : t('toast.keyPastedSession'));
    showError(await testStored());
  }

  async function remove() {
    setConfirmRemove(false);
    if (showError(await removeKey(region))) toast.success(t('toast.keyRemoved'));
  }

  async function test() {
    showError(await testConnection({
      region,
      ...(typedKey !== '' ? { apiKey: typedKey } : {}),
      ...(region === 'custom' ? { customBaseUrl: customBaseUrl.trim() } : {}),
    }));
  }

  return (
    <section className="card settings-card" aria-labelledby="settings-key-title">
      <div className="settings-card-head">
        <KeyRound size={20} aria-hidden className="settings-card-icon" />
        <div>
          <h2 id="settings-key-title">{t('key.title')}</h2>
          <p className="muted">{t('key.intro')}</p>
        </div>
      </div>

      {keyStatus && !keyStatus.keychainAvailable && <KeychainWarning status={keyStatus} />}

      <form className="settings-form" onSubmit={(event) => void save(event)} noValidate>
        <div className="field settings-narrow">
          <label htmlFor={ids.region}>{t('region.label')}</label>
          <select
            id={ids.region}
            className="select"
            data-testid={TEST_IDS.settingsRegion}
            aria-describedby={ids.regionHint}
            value={region === 'custom' ? '' : region}
            disabled={region === 'custom'}
            onChange={(event) => changeRegion(event.target.value as Region)}
          >
            {region === 'custom' && <option value="">{t('common:regions.custom')}</option>}
            {NAMED_REGIONS.map((value) => <option key={value} value={value}>{t(`common:regions.${value}`)}</option>)}
          </select>
          <span id={ids.regionHint} className="field-hint">
            {t('region.hint')}{' '}
            <a className="settings-console-link" href={API_KEY_PAGES[consoleRegion]} target="_blank" rel="noreferrer" data-testid={TEST_IDS.settingsConsoleLink}>
              {t('key.consoleLink', { region: t(`common:regions.${consoleRegion}`) })} <ExternalLink size={12} aria-hidden />
            </a>
          </span>
        </div>

        <CurrentKey
          status={keyStatus?.region === region ? keyStatus : null}
          busy={busy !== null}
          confirmRemove={confirmRemove}
          onAskRemove={() => setConfirmRemove(true)}
          onCancelRemove={() => setConfirmRemove(false)}
          onRemove={() => void remove()}
          onSaveEnvironmentKey={async () => {
            if (showError(await saveEnvironmentKey(region))) toast.success(t('toast.keySaved'));
          }}
        />

        <div className="field">
          <label htmlFor={ids.key}>{keyStatus?.hasKey && keyStatus.region === region ? t('key.replaceLabel') : t('key.label')}</label>
          <div className="settings-key-input">
            <input
              id={ids.key}
              ref={keyInput}
              className="input mono"
              data-testid={TEST_IDS.settingsApiKey}
              type={showKey ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              placeholder={t('key.placeholder')}
              value={apiKey}
              aria-invalid={keyProblem}
              aria-describedby={ids.keyHint}
              onChange={(event) => {
                setApiKey(event.target.value);
                clearVerdict();
              }}
            />
            <button
              type="button"
              className="button settings-icon-button"
              data-testid={TEST_IDS.settingsShowKey}
              aria-pressed={showKey}
              aria-label={showKey ? t('key.hide') : t('key.show')}
              title={showKey ? t('key.hide') : t('key.show')}
              onClick={() => setShowKey((value) => !value)}
            >
              {showKey ? <EyeOff size={16} aria-hidden /> : <Eye size={16} aria-hidden />}
            </button>
            <button type="button" className="button" data-testid={TEST_IDS.settingsPasteKey} onClick={() => void paste()}>
              <ClipboardPaste size={16} aria-hidden /> {t('key.paste')}
            </button>
          </div>
          <span id={ids.keyHint} className={keyProblem ? 'field-hint settings-invalid' : 'field-hint'}>
            {keyProblem ? t('key.invalid') : keychainAvailable ? t('key.hintKeychain') : t('key.hintSession')}
          </span>
        </div>

        {keychainRefused && (
          <div className="callout warning" role="alert">
            <TriangleAlert size={18} aria-hidden />
            <div className="callout-body">
              <p>{t('key.keychainRefused')}</p>
              <button
                type="button"
                className="button"
                data-testid={TEST_IDS.settingsSessionOnly}
                disabled={typedKey === '' || keyProblem || busy !== null}
                onClick={() => void save(undefined, true)}
              >
                {t('key.useForSession')}
              </button>
            </div>
          </div>
        )}

        <details className="settings-advanced" data-testid={TEST_IDS.settingsAdvanced} open={region === 'custom' || undefined}>
          <summary>{t('advanced.title')}</summary>
          <label className="settings-check">
            <input
              type="checkbox"
              id={ids.custom}
              data-testid={TEST_IDS.settingsCustomEndpoint}
              checked={region === 'custom'}
              onChange={(event) => changeRegion(event.target.checked ? 'custom' : preferences.region === 'custom' ? 'cn-beijing' : preferences.region)}
            />
            <span>{t('advanced.custom')}</span>
          </label>
          {region === 'custom' && (
            <div className="field">
              <label htmlFor={ids.baseUrl}>{t('baseUrl.label')}</label>
              <input
                id={ids.baseUrl}
                className="input mono"
                data-testid={TEST_IDS.settingsBaseUrl}
                type="url"
                inputMode="url"
                spellCheck={false}
                placeholder="https://<workspace-id>.cn-beijing.maas.aliyuncs.com"
                value={customBaseUrl}
                aria-invalid={urlProblem === 'invalid'}
                onChange={(event) => {
                  setDraft((current) => ({ ...current, customBaseUrl: event.target.value }));
                  clearVerdict();
                }}
              />
              <span className={urlProblem === 'invalid' ? 'field-hint settings-invalid' : 'field-hint'}>
                {urlProblem === 'invalid' ? t('baseUrl.invalid') : t('baseUrl.hint')}
              </span>
            </div>
          )}
        </details>

        <div className="settings-actions sticky-actions">
          <button type="submit" className="button primary" data-testid={TEST_IDS.settingsSave} disabled={!canSave}>
            {busy === 'save' && <LoaderCircle size={16} aria-hidden className="spin" />}
            {keychainAvailable ? t('actions.save') : t('actions.saveSession')}
          </button>
          <button type="button" className="button" data-testid={TEST_IDS.settingsTestConnection} disabled={!canTest} onClick={() => void test()}>
            {busy === 'test' ? <LoaderCircle size={16} aria-hidden className="spin" /> : <PlugZap size={16} aria-hidden />}
            {busy === 'test' ? t('actions.testing') : t('actions.test')}
          </button>
          {!hasKeyToTest && <span className="field-hint">{t('actions.testNeedsKey')}</span>}
        </div>
      </form>

      {verdict && verdict.region === region && (
        <ConnectionVerdict result={verdict} keyWasTyped={typedKey !== ''} onSwitchRegion={changeRegion} />
      )}
    </section>
  );
}

function CurrentKey(props: {
  status: KeyStatus | null;
  busy: boolean;
  confirmRemove: boolean;
  onAskRemove(): void;
  onCancelRemove(): void;
  onRemove(): void;
  onSaveEnvironmentKey(): void;
}) {
  const { t } = useTranslation('settings');
  const { status } = props;
  const source = status?.source ?? 'none';
  return (
    <div className="settings-current-key" data-testid={TEST_IDS.settingsKeyStatus} data-has-key={status?.hasKey ?? false} data-source={source}>
      <div className="settings-current-key-text">
        <span className="field-label">{t('key.current')}</span>
        {status?.hasKey ? (
          <span className="settings-hint-line">
            <span className="mono settings-key-hint">•••• {status.keyHint}</span>
            <span className={source === 'keychain' ? 'badge success' : 'badge warning'}>{t(`key.source.${source}`)}</span>
          </span>
        ) : (
          <span className="muted">{status ? t('key.none', { region: t(`common:regions.${status.region}`) }) : '…'}</span>
        )}
        {status?.hasKey && source !== 'keychain' && <span className="field-hint">{t(`key.sourceHint.${source}`)}</span>}
      </div>
      {status?.hasKey && (
        <div className="settings-current-key-actions">
          {source === 'env' && status.keychainAvailable && (
            <button type="button" className="button" data-testid={TEST_IDS.settingsSaveEnvKey} disabled={props.busy} onClick={props.onSaveEnvironmentKey}>
              {t('key.saveEnvKey')}
            </button>
          )}
          {source !== 'env' && (
            <button type="button" className="button danger" data-testid={TEST_IDS.settingsKeyRemove} disabled={props.busy} onClick={props.onAskRemove}>
              <Trash2 size={16} aria-hidden /> {t('key.remove')}
            </button>
          )}
        </div>
      )}
      {props.confirmRemove && (
        <ConfirmDialog
          request={{
            title: t('key.removeConfirmTitle'),
            body: t('key.removeConfirm', { region: t(`common:regions.${status?.region ?? 'cn-beijing'}`) }),
            confirmLabel: t('key.removeConfirmButton'),
            confirmTestId: TEST_IDS.settingsKeyRemoveConfirm,
            onConfirm: props.onRemove,
          }}
          onClose={props.onCancelRemove}
        />
      )}
    </div>
  );
}

function KeychainWarning({ status }: { status: KeyStatus }) {
  const { t } = useTranslation('settings');
  const platform = useApp((state) => state.info?.platform ?? 'linux');
  const fix = platform === 'darwin' ? 'mac' : platform === 'win32' ? 'windows' : 'linux';
  return (
    <div className="callout warning settings-callout" data-testid={TEST_IDS.settingsKeychainWarning} role="note">
      <TriangleAlert size={18} aria-hidden />
      <div className="callout-body">
        <p className="callout-title">{t('keychain.title')}</p>
        <p>{t('keychain.body')}</p>
        <p>{t(`keychain.fix.${fix}`)}</p>
        {status.keychainProblem && (
          <details>
            <summary>{t('keychain.details')}</summary>
            <code className="mono">{status.keychainProblem}</code>
          </details>
        )}
      </div>
    </div>
  );
}
