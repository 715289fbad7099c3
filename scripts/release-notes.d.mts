/** Types for release-notes.mjs (imported by its test). */
export function changelogSection(changelog: string, version: string): string | null;
