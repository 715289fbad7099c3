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
  navSamples: 'nav-samples',

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
  onboardingPasteKey: 'onboarding-paste-key',
  settingsNextStep: 'settings-next-step',
  settingsConsoleLink: 'settings-console-link',
  settingsAdvanced: 'settings-advanced',
  settingsCustomEndpoint: 'settings-custom-endpoint',
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
  sampleKeepMainVoice: 'sample-keep-main-voice',
  sampleVerdict: 'sample-verdict',
  sampleFixes: 'sample-fixes',
  sampleFix: 'sample-fix',
  sampleDenoiseA: 'sample-denoise-a',
  sampleDenoiseB: 'sample-denoise-b',
  sampleDuration: 'sample-duration',
  recordTabRecord: 'record-tab-record',
  recordTabImport: 'record-tab-import',
  recordCancel: 'record-cancel',
  /** The 3-2-1 count-in; the number is its text. */
  recordCountdown: 'record-countdown',
  recordMicrophone: 'record-microphone',
  recordVoiceProcessing: 'record-voice-processing',
  recordLanguage: 'record-language',
  recordScript: 'record-script',
  recordScriptText: 'record-script-text',
  /** A microphone problem explained on screen; has `data-problem` (e.g. silent-stream, permission-denied). */
  recordProblem: 'record-problem',
  /** The room check during the count-in: `data-room=quiet|noisy`, `data-quiet-input` once the voice came in quietly. */
  recordRoom: 'record-room',
  importDrop: 'import-drop',
  importUrl: 'import-url',
  importUrlSubmit: 'import-url-submit',
  /** A failed save/import/decode shown on screen; has `data-kind`. */
  sampleProblem: 'sample-problem',
  /** Has `data-peaks` (number of columns drawn) once the audio is decoded. */
  sampleWaveform: 'sample-waveform',
  samplePlay: 'sample-play',
  sampleTrimStart: 'sample-trim-start',
  sampleTrimEnd: 'sample-trim-end',
  sampleAnalysing: 'sample-analysing',
  sampleUndo: 'sample-undo',
  sampleRedo: 'sample-redo',
  sampleEditStatus: 'sample-edit-status',
  sampleTranscript: 'sample-transcript',
  /** Under a transcript typed by hand: `data-kind=helps` (a transcript in the sample's language helps) or `mismatch` (`data-script` is not the language's). */
  transcriptNote: 'transcript-note',
  /** Size of the saved file as read back from disk. */
  sampleSize: 'sample-size',
  /** Has `data-state=converting|saved|skipped|failed`. */
  sampleConversion: 'sample-conversion',
  sampleClone: 'sample-clone',
  sampleRerecord: 'sample-rerecord',
  sampleDiscard: 'sample-discard',

  enrollName: 'enroll-name',
  /** One checkbox per target model: `enroll-model-<target model id>`. */
  enrollModelPrefix: 'enroll-model-',
  enrollLanguage: 'enroll-language',
  enrollTranscript: 'enroll-transcript',
  enrollConsent: 'enroll-consent',
  enrollSubmit: 'enroll-submit',
  /** The `preferred_name` field, suggested from `enroll-name`. */
  enrollPreferredName: 'enroll-preferred-name',
  /** The sample's voices after "Clone": one `enroll-progress-item` per model with `data-model` and `data-status`. */
  enrollProgress: 'enroll-progress',
  enrollProgressItem: 'enroll-progress-item',
  /** On a progress item whose clone has not been sent yet: takes it back. */
  enrollCancel: 'enroll-cancel',
  /** In the result view: the main action once a clone is ready. */
  enrollTryIt: 'enroll-try-it',
  /** Per progress item: the time the clone has taken (m:ss). */
  enrollElapsed: 'enroll-elapsed',
  enrollDegraded: 'enroll-degraded',
  /** In the failure notice of a full account: opens the Library, least recently used voices first. */
  enrollShowVoicesToDelete: 'enroll-show-voices-to-delete',
  /** Library: how many voices the account holds (after a sync); and the notice when it is full. */
  libraryAccountUsage: 'library-account-usage',
  libraryAccountFull: 'library-account-full',
  /** Library: the notice about voices not used from Timbre for 11 months. */
  libraryUnusedVoices: 'library-unused-voices',
  /** Voice detail, per clone: when Timbre last used it; the notice after 11 months; a model Timbre cannot speak. */
  voiceLastUsed: 'voice-last-used',
  voiceUnusedWarning: 'voice-unused-warning',
  voiceUnknownModel: 'voice-unknown-model',
  /** In the degraded notice: what one `fallback_reason` means (data-reason names it). */
  enrollDegradedReason: 'enroll-degraded-reason',
  /** In the failure notice: what to do about a sample the service refused for its audio. */
  enrollSampleAdvice: 'enroll-sample-advice',
  enrollAnother: 'enroll-another',
  /** Before the form when the region has no key. */
  enrollMissingKey: 'enroll-missing-key',
  enrollOpenSettings: 'enroll-open-settings',
  /** The details element that holds the voice-id part. */
  enrollAdvanced: 'enroll-advanced',

  /** The Samples view: one `samples-item` per sample, with `data-sample-id` and `data-verdict` (pass, warn, block, none). */
  samplesList: 'samples-list',
  samplesItem: 'samples-item',
  samplesRename: 'samples-rename',
  samplesNameInput: 'samples-name-input',
  /** Play on a sample's row; the `<audio>` controls (samples-audio) replace it once its file is read. */
  samplesPlay: 'samples-play',
  samplesAudio: 'samples-audio',
  samplesMore: 'samples-more',
  samplesClone: 'samples-clone',
  samplesDelete: 'samples-delete',
  /** Dropped files a check blocks, not kept unless "Keep anyway". */
  samplesSetAside: 'samples-set-aside',
  samplesKeepAnyway: 'samples-keep-anyway',
  /** Shown while files are dragged over the window. */
  dropOverlay: 'drop-overlay',

  librarySearch: 'library-search',
  /** One row per voice (a sample and its clones); has `data-row-id`. */
  libraryItem: 'library-item',
  /** A clone inside a `library-item`; has `data-voice-id`, `data-status` and `data-model`. */
  libraryClone: 'library-clone',
  /** "Try" on a ready clone in its row. */
  libraryCloneTry: 'library-clone-try',
  /** Plays the row's sample. */
  libraryPlay: 'library-play',
  /** "Recently removed" (voices removed from this computer that can come back). */
  libraryRemoved: 'library-removed',
  /** "Restore" on a recently removed voice; has `data-voice-id` (the local id). */
  libraryRestore: 'library-restore',
  voiceDelete: 'voice-delete',
  voiceDeleteRemote: 'voice-delete-remote',
  voiceCopyId: 'voice-copy-id',
  librarySync: 'library-sync',
  libraryEmpty: 'library-empty',
  /** The file input that takes a catalog export (.zip). */
  libraryImport: 'library-import',
  /** Exports the selected voices, or all when none is selected. */
  libraryExport: 'library-export',
  libraryFilterModel: 'library-filter-model',
  libraryFilterLanguage: 'library-filter-language',
  libraryFilterStatus: 'library-filter-status',
  libraryFilterTag: 'library-filter-tag',
  librarySort: 'library-sort',
  /** Checkbox on each `library-item`. */
  libraryItemSelect: 'library-item-select',
  librarySelectAll: 'library-select-all',
  libraryBulkDelete: 'library-bulk-delete',
  libraryBulkDeleteRemote: 'library-bulk-delete-remote',
  /** A recovered/rejected catalog notice; has `data-kind`. */
  libraryNotice: 'library-notice',
  readOnlyBanner: 'read-only-banner',
  sandboxBanner: 'sandbox-banner',
  /** "Clone" on a sample that has no voice yet; has `data-sample-id`. */
  librarySampleClone: 'library-sample-clone',
  voiceDetail: 'voice-detail',
  /** One clone in the detail panel; has `data-voice-id` and `data-status`. */
  voiceClone: 'voice-clone',
  voiceName: 'voice-name',
  voiceNotes: 'voice-notes',
  voiceTagInput: 'voice-tag-input',
  voiceTry: 'voice-try',
  voiceReenroll: 'voice-reenroll',
  voiceRetry: 'voice-retry',
  voiceSendNow: 'voice-send-now',
  voicePlaySample: 'voice-play-sample',
  /** The "re-record" action on a voice with a quality warning. */
  voiceRerecord: 'voice-rerecord',
  /** The snippet's code; has `data-tool=curl|websocat|python`. */
  voiceSnippet: 'voice-snippet',
  /** The confirm button of a confirmation dialog. */
  confirmAccept: 'confirm-accept',

  tryVoice: 'try-voice',
  tryVoiceFind: 'try-voice-find',
  tryText: 'try-text',
  trySubmit: 'try-submit',
  tryAudio: 'try-audio',
  /** What an Omni model actually said, beside its audio; `data-verbatim` says whether it read the text as asked. */
  trySpokenText: 'try-spoken-text',
  tryLanguage: 'try-language',
  /** Each sample sentence button. */
  trySampleText: 'try-sample-text',
  /** Realtime models only (range inputs). */
  trySpeechRate: 'try-speech-rate',
  tryVolume: 'try-volume',
  tryPitch: 'try-pitch',
  tryCancel: 'try-cancel',
  /** Has `data-state=idle|connecting|playing|done|failed|cancelled` and `data-chunks` (PCM chunks played so far). */
  tryStatus: 'try-status',
  /** Time to first audio of the run shown; has `data-ms`. */
  tryFirstAudio: 'try-first-audio',
  /** While a run plays: `data-part` (1-based) of `data-parts`. */
  tryRunProgress: 'try-run-progress',
  tryLanguageWarning: 'try-language-warning',
  tryLanguageFix: 'try-language-fix',
  /** The failed run's explanation; has `data-code`. */
  tryError: 'try-error',
  /** The original sample's audio, next to `try-audio`. */
  trySampleAudio: 'try-sample-audio',
  tryHistory: 'try-history',
  /** Has `data-entry-id` and `data-selected`. */
  tryHistoryItem: 'try-history-item',
  tryHistoryPlay: 'try-history-play',
  tryHistoryExport: 'try-history-export',
  tryHistoryStar: 'try-history-star',
  tryHistoryRegenerate: 'try-history-regenerate',
  tryHistoryDelete: 'try-history-delete',
  tryHistoryDeleteConfirm: 'try-history-delete-confirm',
  /** Shown while offline. */
  tryOffline: 'try-offline',
  tryKeepDraft: 'try-keep-draft',
  /** Each kept text; has `data-draft-id`. */
  tryDraft: 'try-draft',
  tryDraftUse: 'try-draft-use',
  tryDraftRemove: 'try-draft-remove',

  /** The first-run guide. */
  onboarding: 'onboarding',
  /** Each step; has `data-step=key|sample|voice` and `data-done=true|false`. */
  onboardingStep: 'onboarding-step',
  /** The step's button to the screen where it is done. */
  onboardingStepAction: 'onboarding-step-action',
  /** Leaves the guide before every step is done (marks it done, so it does not come back by itself). */
  onboardingSkip: 'onboarding-skip',
  /** Leaves the guide once every step is done. */
  onboardingFinish: 'onboarding-finish',
  /** Sidebar button that reopens the guide; has `data-progress` (steps done) while it is unfinished. */
  onboardingOpen: 'onboarding-open',

  /** Each message, with `data-kind=error|info|success`. */
  toast: 'toast',
  /** The button on a toast (Undo, Show in folder). */
  toastAction: 'toast-action',

  /** The update notice above the screen, with `data-kind` = the update phase (ready, available, up-to-date, …) or `unavailable`. */
  updateNotice: 'update-notice',
  updateNotes: 'update-notes',
  updateRestart: 'update-restart',
  updateLater: 'update-later',
  updateOpenReleases: 'update-open-releases',
  /** Settings: the update state line, with `data-phase`. */
  settingsUpdateState: 'settings-update-state',
  settingsUpdateAuto: 'settings-update-auto',
  settingsUpdateCheck: 'settings-update-check',
  settingsUpdateRestart: 'settings-update-restart',
  settingsUpdateFailure: 'settings-update-failure',
} as const;

export const enrollModelTestId = (model: string) => `${TEST_IDS.enrollModelPrefix}${model}`;
