import type { Region } from '../../../../shared/models';

/**
 * The Model Studio console's API-key page of each region (keys are region-bound). A custom
 * endpoint is usually a Beijing or Singapore workspace; both consoles are offered there.
 */
export const API_KEY_PAGES: Record<Exclude<Region, 'custom'>, string> = {
  'cn-beijing': 'https://bailian.console.aliyun.com/?tab=model#/api-key',
  'ap-southeast-1': 'https://modelstudio.console.alibabacloud.com/?tab=model#/api-key',
};
