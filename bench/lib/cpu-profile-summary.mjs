// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: the functions with the most
// self time, and self time summed per package (node_modules/<package>, Quarry's own dist files, Node
// internals), which is what points at a hot-path fix.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { round } from './stats.mjs';

function areaOf(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node internals';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0)
    return url
      .slice(dist + 1)
      .split('/')
      .slice(0, 4)
      .join('/');
  return path.basename(url);
}

/** @returns {{ total_ms: number, top_functions: object[], by_area: object[] }} */
export function summariseCpuProfile(file, { top = 25 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const selfMicros = new Map();
  profile.samples.forEach((nodeId, index) => {
    selfMicros.set(nodeId, (selfMicros.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const byFunction = new Map();
  const byArea = new Map();
  let total = 0;
  let idle = 0;
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += micros;
      continue;
    }
    total += micros;
    const where = url
      ? `${url.replace(/^file:\/\//, '').replace(/.*\/(node_modules|dist)\//, '$1/')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const area = areaOf(url);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  }
  const ranked = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({ name, self_ms: round(micros / 1000, 1), share: round(micros / total, 3) }));
  return {
    file,
    busy_ms: round(total / 1000, 1),
    idle_ms: round(idle / 1000, 1),
    top_functions: ranked(byFunction),
    by_area: ranked(byArea),
  };
}

export function formatCpuProfileSummary(summary) {
  const lines = [
    `CPU profile ${summary.file}: busy ${summary.busy_ms} ms, idle ${summary.idle_ms} ms`,
    '  self time by area:',
  ];
  for (const entry of summary.by_area)
    lines.push(`    ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}`);
  lines.push('  hottest functions (self time):');
  for (const entry of summary.top_functions)
    lines.push(`    ${(entry.share * 100).toFixed(1).padStart(5)}%  ${entry.name}`);
  return lines.join('\n');
}
