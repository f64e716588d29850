// Read once from package.json so health endpoints and logs report the running version.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function readVersion(): string {
  for (const candidate of [
    join(__dirname, '../../../../package.json'),
    join(__dirname, '../../../../../package.json'),
  ]) {
    try {
      const version = JSON.parse(readFileSync(candidate, 'utf8')).version;
      if (typeof version === 'string') return version;
    } catch {
      // try the next location: the layout differs between source (jest) and dist
    }
  }
  return '0.0.0';
}

export const QUARRY_VERSION = readVersion();
