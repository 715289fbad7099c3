interface ImportMetaEnv {
  /** Defined by electron.vite.config.ts for `npm run dev`: hashes of the dev server's inline scripts, space-separated. */
  readonly TIMBRE_DEV_INLINE_SCRIPT_HASHES?: string;
}
