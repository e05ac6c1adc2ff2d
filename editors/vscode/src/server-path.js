'use strict';
// Where the language server is: the setting when there is one, else the dotnet tool on the PATH,
// else in ~/.dotnet/tools, where `dotnet tool install --global` puts it. Kept free of the vscode
// module so the tests can run it under plain Node.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const TOOL = 'xinji-policy';

function isFile(candidate) {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}

function expandHome(setting, home) {
  return setting === '~' || setting.startsWith('~/') || setting.startsWith('~\\') ? path.join(home, setting.slice(1)) : setting;
}

/**
 * The command that starts the server, as { command, args }, or { error } naming what was looked for.
 * options: { setting, env, platform, home, exists } (each defaulting to this process's own).
 */
function resolveServer(options = {}) {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? os.homedir();
  const exists = options.exists ?? isFile;
  const pathModule = platform === 'win32' ? path.win32 : path.posix;
  const setting = (options.setting ?? '').trim();

  const command = (file) => (file.toLowerCase().endsWith('.dll')
    ? { command: 'dotnet', args: [file, 'lsp'] }
    : { command: file, args: ['lsp'] });

  if (setting !== '') {
    const file = expandHome(setting, home);
    // A bare command name is left to the PATH, as a shell would.
    if (!file.includes('/') && !file.includes('\\')) return command(file);
    return exists(file) ? command(file) : { error: `xinjiPolicy.server.path is '${setting}', and there is no such file.` };
  }

  const names = platform === 'win32' ? [`${TOOL}.exe`, `${TOOL}.cmd`] : [TOOL];
  const folders = (env.PATH ?? env.Path ?? '').split(pathModule.delimiter).filter((folder) => folder !== '');
  folders.push(pathModule.join(home, '.dotnet', 'tools'));
  for (const folder of folders) {
    for (const name of names) {
      const candidate = pathModule.join(folder, name);
      if (exists(candidate)) return command(candidate);
    }
  }
  return {
    error: `The ${TOOL} tool is neither on the PATH nor in ${pathModule.join(home, '.dotnet', 'tools')}: ` +
      `install the dotnet tool (dotnet tool install --global), or set xinjiPolicy.server.path to it or to its xinji-policy.dll.`,
  };
}

module.exports = { resolveServer };
