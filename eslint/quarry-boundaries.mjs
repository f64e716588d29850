// Quarry's architecture rules (DESIGN.md §3), checked by ESLint so the house stays the way it is built:
// - libs never import an app; the emulator imports nothing of the gateway or the libs, and the gateway
//   nothing of the emulator; no deep `@quarry/<lib>/…` imports (a lib's index is its public face);
// - inside the gateway, a lower layer never imports a higher one (platform < tenancy, spend <
//   invocation < surfaces), so shared code never depends on a feature;
// - no cycles between feature folders (apps/gateway/src/<layer>/<folder>, libs/<lib>/src/<folder>).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const GATEWAY = path.join(root, 'apps/gateway/src');
const EMULATOR = path.join(root, 'apps/bedrock-emulator/src');
const LIBS = path.join(root, 'libs');
const LIB_ALIAS = /^@quarry\/([\w-]+)(\/.*)?$/;

/** Gateway layers, lowest first: a file may import its own layer and the ones below. */
const GATEWAY_LAYERS = { platform: 0, tenancy: 1, spend: 1, invocation: 2, surfaces: 3 };

function inside(file, folder) {
  return file === folder || file.startsWith(folder + path.sep);
}

function resolveSpecifier(fromFile, specifier) {
  const alias = LIB_ALIAS.exec(specifier);
  if (alias) return path.join(LIBS, alias[1], 'src', alias[2] ?? 'index.ts');
  if (specifier.startsWith('.')) return path.resolve(path.dirname(fromFile), specifier);
  return undefined;
}

/** The folder a file belongs to for cycle checks, or undefined outside feature code. */
function featureFolderOf(file) {
  if (inside(file, GATEWAY)) {
    const parts = path.relative(GATEWAY, file).split(path.sep);
    return parts.length > 2 ? `gateway/${parts[0]}/${parts[1]}` : undefined;
  }
  if (inside(file, LIBS)) {
    const parts = path.relative(LIBS, file).split(path.sep);
    return parts.length > 3 && parts[1] === 'src' ? `libs/${parts[0]}/${parts[2]}` : undefined;
  }
  return undefined;
}

function boundaryProblem(file, specifier) {
  const target = resolveSpecifier(file, specifier);
  const alias = LIB_ALIAS.exec(specifier);
  if (alias?.[2]) return `import ${'@quarry/' + alias[1]} (its index), not a file inside it`;
  if (inside(file, EMULATOR)) {
    if (alias || (target && (inside(target, LIBS) || inside(target, GATEWAY))))
      return 'the emulator imports nothing of the gateway or the libs';
    return undefined;
  }
  if (!target) return undefined;
  if (inside(file, LIBS) && inside(target, path.join(root, 'apps'))) return 'libs never import an app';
  if (inside(file, path.join(LIBS, 'db')) && inside(target, path.join(LIBS, 'bedrock')))
    return 'libs/db does not import libs/bedrock';
  if (inside(file, GATEWAY) && inside(target, EMULATOR)) return 'the gateway never imports the emulator';
  if (inside(file, GATEWAY) && inside(target, GATEWAY)) {
    const from = GATEWAY_LAYERS[path.relative(GATEWAY, file).split(path.sep)[0]];
    const to = GATEWAY_LAYERS[path.relative(GATEWAY, target).split(path.sep)[0]];
    if (from !== undefined && to !== undefined && to > from) {
      return `${path.relative(GATEWAY, file).split(path.sep)[0]}/ must not import ${path.relative(GATEWAY, target).split(path.sep)[0]}/ (a higher layer)`;
    }
  }
  return undefined;
}

function importSpecifiers(source) {
  const specifiers = [];
  const pattern =
    /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1] ?? match[2]);
  return specifiers;
}

function sourceFiles(folder, files = []) {
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (name === 'node_modules' || name === 'generated' || name === '__fixtures__') continue;
    if (statSync(full).isDirectory()) sourceFiles(full, files);
    else if (name.endsWith('.ts') && !/\.(spec|e2e-spec)\.ts$/.test(name)) files.push(full);
  }
  return files;
}

/** Folder → folders it imports, from every non-test source file (built once per lint run). */
let folderGraph;
function graph() {
  if (folderGraph) return folderGraph;
  folderGraph = new Map();
  for (const file of [...sourceFiles(GATEWAY), ...sourceFiles(LIBS)]) {
    const from = featureFolderOf(file);
    if (!from) continue;
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolveSpecifier(file, specifier);
      const to = target && featureFolderOf(target);
      if (!to || to === from) continue;
      if (!folderGraph.has(from)) folderGraph.set(from, new Set());
      folderGraph.get(from).add(to);
    }
  }
  return folderGraph;
}

function reaches(from, goal, seen = new Set()) {
  for (const next of graph().get(from) ?? []) {
    if (next === goal) return true;
    if (!seen.has(next)) {
      seen.add(next);
      if (reaches(next, goal, seen)) return true;
    }
  }
  return false;
}

const boundaries = {
  meta: { type: 'problem', schema: [], messages: { boundary: '{{problem}} (DESIGN.md §3)' } },
  create(context) {
    const file = context.filename;
    const check = (node) => {
      if (typeof node.source?.value !== 'string') return;
      const problem = boundaryProblem(file, node.source.value);
      if (problem) context.report({ node: node.source, messageId: 'boundary', data: { problem } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

const noFolderCycles = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { cycle: '{{from}} imports {{to}}, which imports {{from}} back (directly or not)' },
  },
  create(context) {
    const file = context.filename;
    const from = featureFolderOf(file);
    if (!from || /\.(spec|e2e-spec)\.ts$/.test(file)) return {};
    const check = (node) => {
      if (typeof node.source?.value !== 'string') return;
      const target = resolveSpecifier(file, node.source.value);
      const to = target && featureFolderOf(target);
      if (to && to !== from && reaches(to, from))
        context.report({ node: node.source, messageId: 'cycle', data: { from, to } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check };
  },
};

export default { rules: { boundaries, 'no-folder-cycles': noFolderCycles } };
