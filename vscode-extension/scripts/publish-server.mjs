// Publishes the language server (slac) into server/ so `vsce package` ships it inside the .vsix.
// Options: --configuration <Release|Debug> (default Release), --no-build (publish what the solution build produced).
import { spawnSync } from 'node:child_process';
import { rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const extensionRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repositoryRoot = resolve(extensionRoot, '..');
const serverDir = join(extensionRoot, 'server');
const argv = process.argv.slice(2);
const configurationIndex = argv.indexOf('--configuration');
const configuration = configurationIndex >= 0 ? argv[configurationIndex + 1] : 'Release';
rmSync(serverDir, { recursive: true, force: true });
const args = ['publish', join(repositoryRoot, 'src', 'SlaLang.Cli', 'SlaLang.Cli.csproj'),
  '-c', configuration, '-o', serverDir, '-p:UseAppHost=false', '-p:SatelliteResourceLanguages=en', '--nologo',
  ...(argv.includes('--no-build') ? ['--no-build'] : [])];
console.log(`dotnet ${args.join(' ')}`);
const result = spawnSync('dotnet', args, { stdio: 'inherit' });
if (result.error) {
  console.error(`cannot run dotnet: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) process.exit(result.status ?? 1);
if (!existsSync(join(serverDir, 'slac.dll'))) {
  console.error(`dotnet publish did not produce ${join(serverDir, 'slac.dll')}`);
  process.exit(1);
}
