// Node resolve hook for the bench (started with `tsx --import ./bench/electron-stub-loader.mjs`):
// electron-store imports `electron`, whose binary cannot run here, so `electron` resolves to the
// same stub the vitest configs alias it to (through tsx's own resolver, so the .ts file loads).
import { register } from 'node:module';

const stub = new URL('../tests/support/electron-stub.ts', import.meta.url).href;
const hooks = `export function resolve(specifier, context, next) {
  return next(specifier === 'electron' ? ${JSON.stringify(stub)} : specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
