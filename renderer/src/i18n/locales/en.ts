/** English: every namespace's file, bundled into one chunk loaded when English is first used. */
export default import.meta.glob<Record<string, unknown>>('./en/*.json', { eager: true, import: 'default' });
