// Finding the server: the setting, else the PATH, else ~/.dotnet/tools.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const { resolveServer } = createRequire(import.meta.url)('../src/server-path.js');
const only = (...files) => (candidate) => files.includes(candidate);

test('the tool on the PATH comes first', () => {
  const found = resolveServer({
    env: { PATH: '/usr/bin:/opt/tools' }, platform: 'linux', home: '/home/a',
    exists: only('/opt/tools/xinji-policy', '/home/a/.dotnet/tools/xinji-policy'),
  });
  assert.deepEqual(found, { command: '/opt/tools/xinji-policy', args: ['lsp'] });
});

test('then the dotnet tools folder', () => {
  const found = resolveServer({ env: { PATH: '/usr/bin' }, platform: 'linux', home: '/home/a', exists: only('/home/a/.dotnet/tools/xinji-policy') });
  assert.deepEqual(found, { command: '/home/a/.dotnet/tools/xinji-policy', args: ['lsp'] });
});

test('on Windows the PATH is split at ; and the tool is an .exe', () => {
  const found = resolveServer({
    env: { Path: 'C:\\bin;C:\\tools' }, platform: 'win32', home: 'C:\\Users\\a', exists: only('C:\\tools\\xinji-policy.exe'),
  });
  assert.deepEqual(found, { command: 'C:\\tools\\xinji-policy.exe', args: ['lsp'] });
});

test('the setting wins; a .dll runs with dotnet; ~ is the home folder', () => {
  const exists = only('/home/a/build/xinji-policy.dll', '/usr/bin/xinji-policy');
  assert.deepEqual(resolveServer({ setting: '~/build/xinji-policy.dll', env: { PATH: '/usr/bin' }, platform: 'linux', home: '/home/a', exists }),
    { command: 'dotnet', args: ['/home/a/build/xinji-policy.dll', 'lsp'] });
  assert.deepEqual(resolveServer({ setting: 'my-wrapper', env: { PATH: '/usr/bin' }, platform: 'linux', home: '/home/a', exists }),
    { command: 'my-wrapper', args: ['lsp'] });
});

test('a setting naming no file, or no tool anywhere, is an error saying what was looked for', () => {
  const missing = resolveServer({ setting: '/nowhere/xinji-policy', env: {}, platform: 'linux', home: '/home/a', exists: only() });
  assert.match(missing.error, /xinjiPolicy\.server\.path is '\/nowhere\/xinji-policy'/);
  const none = resolveServer({ env: { PATH: '/usr/bin' }, platform: 'linux', home: '/home/a', exists: only() });
  assert.match(none.error, /neither on the PATH nor in \/home\/a\/\.dotnet\/tools/);
});
