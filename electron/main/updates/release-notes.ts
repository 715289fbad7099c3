/**
 * Release notes as plain text. The GitHub feed gives the release body as HTML, a `latest.yml`
 * gives the Markdown from CHANGELOG.md; the renderer shows text only, never markup.
 */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

type ReleaseNotes = string | Array<{ version: string; note: string | null }> | null | undefined;

export function releaseNotesText(notes: ReleaseNotes): string | null {
  const text = Array.isArray(notes) ? notes.map((entry) => `${entry.version}\n${entry.note ?? ''}`).join('\n\n') : notes ?? '';
  const plain = text
    .replace(/<li[^>]*>/gi, '• ')
    .replace(/<\/(p|li|h[1-6]|ul|ol|div)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_match, name: string) => ENTITIES[name])
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return plain === '' ? null : plain;
}
