import { PAGE_CONFIG_ID, type PageConfig } from './page-config.js';

export function readPageConfig(): PageConfig {
  return JSON.parse(document.getElementById(PAGE_CONFIG_ID)?.textContent ?? '') as PageConfig;
}
