import { authText, teamAuth } from '../e2e/support/auth-fixtures';
import { makeTempDir, seedAuthFile } from '../e2e/support/temp-home';
import { setLogSink } from '../electron/logger';
import { createAppServices } from '../electron/services/app-services';
setLogSink(() => {}, 'error');
const home = await makeTempDir();
const data = await makeTempDir();
await seedAuthFile(home.path, authText(teamAuth('bob')));
const s = await createAppServices({
  dataDir: data.path,
  env: { CODEX_HOME: home.path },
  openBrowser: async () => undefined,
  watch: false,
});
await seedAuthFile(home.path, authText(teamAuth('alice')));
await s.manager.reload();
const t = performance.now();
for (let i = 0; i < 100; i++)
  await s.manager.switchTo(
    i % 2 ? 'chatgpt:ws-team-acme:user-alice' : 'chatgpt:ws-team-acme:user-bob',
  );
console.log('per switch ms', (performance.now() - t) / 100);
await s.dispose();
