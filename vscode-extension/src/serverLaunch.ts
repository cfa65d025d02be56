// Decides how to start the SLA language server: which executable, which arguments, and what to tell the user when it cannot.
import * as path from 'path';
import * as fs from 'fs';
import { execFile } from 'child_process';

/** How to start the server process. */
export interface ServerCommand {
  command: string;
  args: string[];
  /** True when the command is `dotnet` running a `slac.dll`. */
  needsDotnet: boolean;
  /** The server file that was chosen, for messages. */
  serverFile: string;
}

/** Inputs of the decision, so it can be tested without VS Code. */
export interface LaunchSettings {
  /** The `sla.server.path` setting (empty: the bundled server). */
  configuredPath: string;
  /** The `sla.dotnet.path` setting (empty: `dotnet` on the PATH). */
  dotnetPath: string;
  /** The folder the extension is installed in. */
  extensionPath: string;
  exists?: (file: string) => boolean;
}

/** Result of the decision: a command, or a message saying what is wrong and what to do. */
export type LaunchDecision = { ok: true; server: ServerCommand } | { ok: false; message: string };

/** Chooses the server: the configured `slac`/`slac.dll`, else `server/slac.dll` bundled in the extension. */
export function resolveServerCommand(settings: LaunchSettings): LaunchDecision {
  const exists = settings.exists ?? fs.existsSync;
  const dotnet = settings.dotnetPath.trim() || 'dotnet';
  const configured = settings.configuredPath.trim();
  if (configured) {
    if (!exists(configured)) {
      return { ok: false, message: `The SLA language server was not found at '${configured}' (setting sla.server.path). Point the setting to a slac executable or slac.dll, or clear it to use the server bundled with the extension.` };
    }
    if (configured.toLowerCase().endsWith('.dll')) {
      return { ok: true, server: { command: dotnet, args: [configured, 'lsp'], needsDotnet: true, serverFile: configured } };
    }
    return { ok: true, server: { command: configured, args: ['lsp'], needsDotnet: false, serverFile: configured } };
  }
  const bundled = path.join(settings.extensionPath, 'server', 'slac.dll');
  if (!exists(bundled)) {
    return { ok: false, message: `The SLA language server bundled with the extension is missing ('${bundled}'). Reinstall the extension, or set sla.server.path to a slac executable or slac.dll.` };
  }
  return { ok: true, server: { command: dotnet, args: [bundled, 'lsp'], needsDotnet: true, serverFile: bundled } };
}

/**
 * Checks that `dotnet` can be run; resolves to null when it can, else to a message for the user.
 * Never hangs: the probe is killed after `timeoutMs`.
 */
export function probeDotnet(dotnet: string, timeoutMs = 10000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(dotnet, ['--list-runtimes'], { timeout: timeoutMs }, (error, stdout) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          resolve(`The .NET runtime was not found ('${dotnet}' is not on the PATH). The SLA language server needs .NET 10: install it, or set sla.dotnet.path to the dotnet executable.`);
        } else {
          resolve(`'${dotnet} --list-runtimes' failed (${error.message.trim()}). The SLA language server needs .NET 10: check the installation or the setting sla.dotnet.path.`);
        }
        return;
      }
      if (!/Microsoft\.NETCore\.App 10\./.test(stdout)) {
        resolve(`The SLA language server needs the .NET 10 runtime (Microsoft.NETCore.App 10.x), and '${dotnet}' has none. Installed runtimes:\n${stdout.trim() || '(none)'}`);
        return;
      }
      resolve(null);
    });
  });
}
