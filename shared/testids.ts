/**
 * Stable `data-testid` values. End-to-end tests (ours and acceptance tests written outside the
 * team) drive the app through these, so they survive wording and translation changes. Renaming
 * one is a breaking change.
 */
export const TEST_IDS = {
  navRecord: 'nav-record',
  navLibrary: 'nav-library',
  navTry: 'nav-try',
  navSettings: 'nav-settings',

  settingsApiKey: 'settings-api-key',
  settingsRegion: 'settings-region',
  settingsBaseUrl: 'settings-base-url',
  settingsSave: 'settings-save',
  settingsTestConnection: 'settings-test-connection',
  settingsTestResult: 'settings-test-result',
  settingsShowKey: 'settings-show-key',
  settingsPasteKey: 'settings-paste-key',
  /** The current key of the selected region: `data-has-key`, `data-source=keychain|session|env|none`; shows only "•••• abcd". */
  settingsKeyStatus: 'settings-key-status',
  settingsKeyRemove: 'settings-key-remove',
  settingsKeyRemoveConfirm: 'settings-key-remove-confirm',
  /** Stores DASHSCOPE_API_KEY in the keychain. */
  settingsSaveEnvKey: 'settings-save-env-key',
  /** Offered when the keychain refuses the key: keep it in memory for this session. */
  settingsSessionOnly: 'settings-session-only',
  settingsKeychainWarning: 'settings-keychain-warning',
  /** In a `wrong-region` verdict: switch the form to the key's region. */
  settingsSwitchRegion: 'settings-switch-region',
  /** Radio group; each radio's value is a target model id. */
  settingsDefaultModel: 'settings-default-model',
  settingsSampleLanguage: 'settings-sample-language',
  settingsUiLanguage: 'settings-ui-language',
  /** Radio group; values system|light|dark. */
  settingsTheme: 'settings-theme',
  settingsDataDir: 'settings-data-dir',
  settingsOpenDataFolder: 'settings-open-data-folder',
  settingsVersion: 'settings-version',

  recordStart: 'record-start',
  recordStop: 'record-stop',
  recordTimer: 'record-timer',
  recordLevel: 'record-level',
  importFile: 'import-file',
  /** Each check inside has `data-check=<name>` and `data-status=pass|warn|block`. */
  sampleChecks: 'sample-checks',
  sampleDuration: 'sample-duration',

  enrollName: 'enroll-name',
  /** One checkbox per target model: `enroll-model-<target model id>`. */
  enrollModelPrefix: 'enroll-model-',
  enrollLanguage: 'enroll-language',
  enrollTranscript: 'enroll-transcript',
  enrollConsent: 'enroll-consent',
  enrollSubmit: 'enroll-submit',

  librarySearch: 'library-search',
  /** Has `data-voice-id` and `data-status`. */
  libraryItem: 'library-item',
  voiceDelete: 'voice-delete',
  voiceDeleteRemote: 'voice-delete-remote',
  voiceCopyId: 'voice-copy-id',
  librarySync: 'library-sync',

  tryVoice: 'try-voice',
  tryText: 'try-text',
  trySubmit: 'try-submit',
  tryAudio: 'try-audio',

  /** Each message, with `data-kind=error|info|success`. */
  toast: 'toast',
} as const;

export const enrollModelTestId = (model: string) => `${TEST_IDS.enrollModelPrefix}${model}`;
