// The Tauri CLI for this repository's layout, the same on macOS, Windows and Linux: the Rust app is
// in ../src-tauri (whose tauri.conf.json is the repository's top-level one) and the UI is here.
// `npm run tauri -- build` and the release workflow both go through this.
import { run } from '@tauri-apps/cli';
import { fileURLToPath } from 'node:url';

process.env.TAURI_APP_PATH ??= fileURLToPath(new URL('../../src-tauri', import.meta.url));
process.env.TAURI_FRONTEND_PATH ??= fileURLToPath(new URL('..', import.meta.url));

run(process.argv.slice(2), 'npm run tauri').catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
