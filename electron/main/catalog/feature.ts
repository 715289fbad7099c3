/**
 * The catalog as a file: exporting chosen voices (with their samples and Try results) to a zip the
 * user saves, showing it in its folder, and importing such a zip (`catalog.*`).
 */
import { dirname } from 'node:path';
import { TimbreError } from '../../../shared/errors';
import type { HandlersOf } from '../../../shared/ipc/contract';
import { CATALOG_ERROR } from '../../../shared/ipc/routes/catalog';
import type { SaveFile } from '../foundation/save-file';
import type { AudioFiles } from './audio-files';
import { createCatalogExport } from './export';
import type { CatalogStore } from './store';
import type { SynthesisHistory } from './synthesis-history';

export interface CatalogFeatureDeps {
  appVersion: string;
  catalog: CatalogStore;
  audioFiles: AudioFiles;
  /** The Try history, exported and imported with its voices. */
  history: SynthesisHistory;
  /** The OS save dialog plus the write; absent = exports are unavailable. */
  saveFile?: SaveFile;
  /** Opens a folder in the OS file manager. */
  openPath?(path: string): Promise<void>;
  now?: () => number;
}

export function createCatalogFeature(deps: CatalogFeatureDeps) {
  const exporter = createCatalogExport({ catalog: deps.catalog, audioFiles: deps.audioFiles, history: deps.history, appVersion: deps.appVersion, now: deps.now ?? Date.now });
  /** Files this session exported: the only paths "Show in folder" opens. */
  const exportedPaths = new Set<string>();

  const handlers = {
    'catalog.export': async ({ voiceIds }) => {
      if (!deps.saveFile) throw new TimbreError(CATALOG_ERROR.exportUnavailable, 'There is no save dialog in this build');
      const { zip, fileName, voices, samples } = await exporter.exportCatalog(voiceIds);
      let path: string | null;
      try {
        path = await deps.saveFile({ defaultName: fileName, bytes: zip, filters: [{ name: 'Timbre catalog', extensions: ['zip'] }] });
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException | null)?.code ?? 'unknown';
        throw new TimbreError(CATALOG_ERROR.exportFailed, `Could not write the export: ${reason}`, { details: { reason }, cause: error });
      }
      if (path) exportedPaths.add(path);
      return { path, fileName, voices, samples };
    },
    'catalog.showExport': async ({ path }) => {
      if (!exportedPaths.has(path) || !deps.openPath) throw new TimbreError(CATALOG_ERROR.exportUnavailable, 'Only files exported in this session can be shown');
      await deps.openPath(dirname(path));
    },
    'catalog.import': ({ zip }) => exporter.importCatalog(zip),
  } satisfies HandlersOf<'catalog'>;

  return { handlers, exporter };
}

export type CatalogFeature = ReturnType<typeof createCatalogFeature>;
