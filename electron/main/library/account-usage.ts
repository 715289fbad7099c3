/**
 * How many voices the account holds in each region (§3.3: 1,000 per account), kept in
 * `account-usage.json` so the Library can say it after a restart and while offline, not only
 * after a sync in this run. It is read off the client's own answers: a full listing sets it from
 * `total_count`; a clone made and a voice deleted from the account move it by one until the next
 * listing; a create refused because the account is full sets it to the limit.
 */
import { z } from 'zod';
import { ACCOUNT_VOICE_LIMIT, REGIONS, type Region } from '../../../shared/models';
import type { DashScopeClient } from '../dashscope/client';
import { DASHSCOPE_ERROR, isDashScopeError } from '../dashscope/errors';
import { openDataFolder, type DataFolder } from '../foundation/data-folder';
import type { Logger } from '../foundation/log';

const FILE = 'account-usage.json';
const SCHEMA_VERSION = 1;
const regionUsage = z.object({
  count: z.number().int().nonnegative(),
  /** When the service last listed the account (ms epoch); moves since then are counted here. */
  listedAt: z.number(),
});
export type RegionUsage = z.infer<typeof regionUsage>;
const isUsageFile = (value: unknown) => typeof value === 'object' && value !== null && typeof (value as { regions?: unknown }).regions === 'object';

export function createAccountUsage(dataFolder: DataFolder | string, deps: { log: Logger; now?: () => number }) {
  const folder = typeof dataFolder === 'string' ? openDataFolder(dataFolder) : dataFolder;
  const now = deps.now ?? Date.now;
  const usage = new Map<Region, RegionUsage>();
  const file = folder.readJson(FILE, isUsageFile) as { regions: Record<string, unknown> } | null;
  for (const region of REGIONS) {
    // An unreadable entry is forgotten: the next sync says it again.
    const parsed = regionUsage.safeParse(file?.regions[region]);
    if (parsed.success) usage.set(region, parsed.data);
  }

  function save(): void {
    try {
      folder.writeJson(FILE, { schemaVersion: SCHEMA_VERSION, regions: Object.fromEntries(usage) });
    } catch (error) {
      // A convenience figure: a read-only or full disk must not fail the clone or delete it follows.
      deps.log.warn('account usage: not saved', { code: (error as { code?: string }).code });
    }
  }

  function set(region: Region, next: RegionUsage): void {
    usage.set(region, next);
    save();
  }

  /** A clone made or a voice deleted since the last listing; unknown until an account was listed once. */
  function move(region: Region, by: 1 | -1): void {
    const known = usage.get(region);
    if (known) set(region, { ...known, count: Math.max(0, known.count + by) });
  }

  return {
    get: (region: Region): RegionUsage | null => usage.get(region) ?? null,

    /**
     * The client, with every answer that says how full the account is noted on the way through.
     * `region` is read when a request starts: the answer belongs to the region it was sent to.
     */
    observe<Client extends Pick<DashScopeClient, 'listAccount' | 'create' | 'delete'>>(client: Client, region: () => Region): Client {
      return {
        ...client,
        async listAccount(options?: { signal?: AbortSignal }) {
          const asked = region();
          const account = await client.listAccount(options);
          set(asked, { count: account.totalCount, listedAt: now() });
          return account;
        },
        async create(request: Parameters<DashScopeClient['create']>[0]) {
          const asked = region();
          try {
            const created = await client.create(request);
            move(asked, 1);
            return created;
          } catch (error) {
            if (isDashScopeError(error) && error.code === DASHSCOPE_ERROR.voiceQuotaReached) {
              set(asked, { count: Math.max(ACCOUNT_VOICE_LIMIT, usage.get(asked)?.count ?? 0), listedAt: usage.get(asked)?.listedAt ?? now() });
            }
            throw error;
          }
        },
        async delete(voice: string, options?: { signal?: AbortSignal }) {
          const asked = region();
          const deleted = await client.delete(voice, options);
          if (!deleted.alreadyGone) move(asked, -1);
          return deleted;
        },
      };
    },
  };
}

export type AccountUsage = ReturnType<typeof createAccountUsage>;
