/** Simplified Chinese: every namespace's file, bundled into one chunk loaded when Chinese is first used. */
export default import.meta.glob<Record<string, unknown>>('./zh-CN/*.json', { eager: true, import: 'default' });
