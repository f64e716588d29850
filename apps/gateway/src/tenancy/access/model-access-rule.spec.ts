import type { Principal, PrincipalKey, PrincipalTeam, PrincipalUser } from '../auth/principal';
import { MASTER_PRINCIPAL } from '../auth/principal';
import { canUseModel, wildcardMatches } from './model-access-rule';
import type { ModelCatalog } from '../models/model-catalog';
import { entriesBeyond } from './model-grant';

// A catalog like a config.yaml would give: public name → Bedrock model + access groups.
const MODELS: Record<string, { bedrock: string; groups: string[] }> = {
  'claude-sonnet': {
    bedrock: 'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0',
    groups: ['default-models'],
  },
  'claude-haiku': {
    bedrock: 'bedrock/converse/anthropic.claude-3-haiku-20240307-v1:0',
    groups: ['default-models', 'cheap'],
  },
  'llama-70b': { bedrock: 'bedrock/meta.llama3-1-70b-instruct-v1:0', groups: ['restricted-models'] },
  'titan-embed': { bedrock: 'bedrock/amazon.titan-embed-text-v2:0', groups: [] },
};

const catalog: ModelCatalog = {
  hasModel: (name) => name in MODELS,
  accessGroupsOf: (name) => MODELS[name]?.groups ?? [],
  modelsInAccessGroup: (group) => Object.keys(MODELS).filter((name) => MODELS[name].groups.includes(group)),
  wildcardNamesOf: (name) =>
    MODELS[name]
      ? [name, MODELS[name].bedrock, MODELS[name].bedrock.replace(/^bedrock\/(converse\/)?/, '')]
      : [name],
};

const limits = {
  maxBudget: null,
  budgetDuration: null,
  rpmLimit: null,
  tpmLimit: null,
  maxParallelRequests: null,
};

function principal(options: { key?: string[]; team?: string[]; user?: string[] }): Principal {
  const team: PrincipalTeam | undefined = options.team
    ? { id: 't', alias: null, models: options.team, blocked: false, spend: 0, metadata: {}, ...limits }
    : undefined;
  const user: PrincipalUser | undefined = options.user
    ? { id: 'u', email: null, role: 'internal_user', models: options.user, spend: 0, ...limits }
    : undefined;
  const key: PrincipalKey = {
    id: 'k',
    alias: null,
    displayKey: 'sk-…abcd',
    teamId: team?.id ?? null,
    userId: user?.id ?? null,
    models: options.key ?? [],
    aliases: {},
    metadata: {},
    spend: 0,
    expiresAt: null,
    softBudget: null,
    modelBudgets: {},
    ...limits,
  };
  return {
    kind: 'key',
    teamId: team?.id,
    userId: user?.id,
    role: 'internal_user',
    key,
    team,
    user,
    teamAdminOf: [],
    teamMemberOf: [],
  };
}

const allowed = (p: Principal) => Object.keys(MODELS).filter((name) => canUseModel(p, name, catalog));

describe('canUseModel', () => {
  it('lets the master key use every model', () => {
    expect(allowed(MASTER_PRINCIPAL)).toEqual(Object.keys(MODELS));
  });

  it('treats empty key and team lists as "all models"', () => {
    expect(allowed(principal({ key: [], team: [] }))).toEqual(Object.keys(MODELS));
    expect(allowed(principal({ key: [] }))).toEqual(Object.keys(MODELS));
  });

  it('allows exactly the public names listed on the key', () => {
    expect(allowed(principal({ key: ['claude-haiku', 'titan-embed'] }))).toEqual([
      'claude-haiku',
      'titan-embed',
    ]);
  });

  it('expands access-group names through model_info.access_groups', () => {
    expect(allowed(principal({ key: ['default-models'] }))).toEqual(['claude-sonnet', 'claude-haiku']);
    expect(allowed(principal({ key: ['cheap', 'restricted-models'] }))).toEqual([
      'claude-haiku',
      'llama-70b',
    ]);
  });

  it('never turns a key whose only entries are empty or unknown access groups into "all models" (LiteLLM #26656)', () => {
    expect(allowed(principal({ key: ['group-with-no-models'] }))).toEqual([]);
    expect(allowed(principal({ key: ['group-with-no-models'], team: [] }))).toEqual([]);
  });

  it('keeps a team restriction when the key has an empty list (team ∩ key)', () => {
    expect(allowed(principal({ key: [], team: ['restricted-models'] }))).toEqual(['llama-70b']);
  });

  it('intersects key and team lists', () => {
    expect(allowed(principal({ key: ['default-models'], team: ['cheap', 'titan-embed'] }))).toEqual([
      'claude-haiku',
    ]);
    expect(allowed(principal({ key: ['llama-70b'], team: ['default-models'] }))).toEqual([]);
  });

  it('matches wildcards against public names and Bedrock model ids', () => {
    expect(allowed(principal({ key: ['bedrock/*'] }))).toEqual(Object.keys(MODELS));
    expect(allowed(principal({ key: ['anthropic.*'] }))).toEqual(['claude-sonnet', 'claude-haiku']);
    expect(allowed(principal({ key: ['claude-*'] }))).toEqual(['claude-sonnet', 'claude-haiku']);
    expect(allowed(principal({ key: ['bedrock/meta.*'] }))).toEqual(['llama-70b']);
    expect(allowed(principal({ team: ['amazon.*'] }))).toEqual(['titan-embed']);
  });

  it('treats wildcard metacharacters other than * literally', () => {
    expect(wildcardMatches('claude.sonnet', 'claude-sonnet')).toBe(false);
    expect(wildcardMatches('anthropic.*', 'anthropicXclaude')).toBe(false);
    expect(wildcardMatches('anthropic.*', 'anthropic.claude')).toBe(true);
  });

  it('gives all-team-models the team list on a team key and nothing on a key without a team', () => {
    expect(allowed(principal({ key: ['all-team-models'], team: ['cheap'] }))).toEqual(['claude-haiku']);
    expect(allowed(principal({ key: ['all-team-models'], team: [] }))).toEqual(Object.keys(MODELS));
    expect(allowed(principal({ key: ['all-team-models'] }))).toEqual([]);
  });

  it('accepts * and all-proxy-models as "everything" entries', () => {
    expect(allowed(principal({ key: ['*'], team: ['all-proxy-models'] }))).toEqual(Object.keys(MODELS));
  });

  it("bounds a personal key (no team) by its user's models", () => {
    expect(allowed(principal({ key: [], user: ['titan-embed'] }))).toEqual(['titan-embed']);
    expect(allowed(principal({ key: ['default-models'], user: ['claude-sonnet'] }))).toEqual([
      'claude-sonnet',
    ]);
  });

  it("ignores the user's models on a team key (the team decides)", () => {
    expect(allowed(principal({ key: [], team: ['llama-70b'], user: ['titan-embed'] }))).toEqual([
      'llama-70b',
    ]);
  });

  it('refuses a model that is not in the catalog unless a list names it', () => {
    expect(canUseModel(principal({ key: ['default-models'] }), 'unknown-model', catalog)).toBe(false);
    expect(canUseModel(principal({ key: [] }), 'unknown-model', catalog)).toBe(true);
  });
});

describe('entriesBeyond (no caller grants more than it has)', () => {
  it('accepts anything under an unrestricted bound', () => {
    expect(entriesBeyond([], ['*', 'llama-70b'], catalog)).toEqual([]);
  });

  it('accepts models and groups the bound covers, and all-team-models', () => {
    expect(
      entriesBeyond(['default-models'], ['claude-haiku', 'default-models', 'all-team-models'], catalog),
    ).toEqual([]);
    expect(entriesBeyond(['default-models'], ['cheap'], catalog)).toEqual([]);
  });

  it('reports models, groups and wildcards beyond the bound', () => {
    expect(
      entriesBeyond(['cheap'], ['claude-sonnet', 'default-models', 'anthropic.*', '*'], catalog),
    ).toEqual(['claude-sonnet', 'default-models', 'anthropic.*', '*']);
  });

  it('refuses entries naming empty or unknown groups under a restricted bound', () => {
    expect(entriesBeyond(['cheap'], ['no-such-group'], catalog)).toEqual(['no-such-group']);
  });
});
