// Which build of a client program fits this machine: the words a fix uses to name it.
import type { ClientTools } from '../../facts';

const OS_NAMES: Record<string, string> = { darwin: 'macOS', linux: 'Linux', win32: 'Windows' };
const CPU_NAMES: Record<string, string> = { arm64: 'arm64', x64: 'x86_64', ia32: '32-bit x86', arm: 'ARM' };

/** "macOS arm64 (Apple silicon)", "Linux x86_64", or "this OS and CPU" when unknown. */
export function buildFor(machine: ClientTools['machine']): string {
  if (!machine) return 'this OS and CPU';
  const os = OS_NAMES[machine.platform] ?? machine.platform;
  const cpu = CPU_NAMES[machine.arch] ?? machine.arch;
  return `${os} ${cpu}${machine.platform === 'darwin' && machine.arch === 'arm64' ? ' (Apple silicon)' : ''}`;
}
