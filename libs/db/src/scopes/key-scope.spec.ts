import { ALL_KEYS, keyOwnerInScope, type KeyScope } from './key-scope';

describe('keyOwnerInScope (checked before a key is created or moved)', () => {
  const teamAdmin: KeyScope = { all: false, teamIds: ['team-a'], userId: 'me' };
  const teamKey: KeyScope = { all: false, teamIds: [], userId: 'me', userKeysTeamId: 'team-a' };

  it('accepts any owner under the scope of every key', () => {
    expect(keyOwnerInScope(ALL_KEYS, { teamId: 'any', userId: null })).toBe(true);
  });

  it("accepts keys of the caller's teams and the caller's own keys", () => {
    expect(keyOwnerInScope(teamAdmin, { teamId: 'team-a', userId: 'someone' })).toBe(true);
    expect(keyOwnerInScope(teamAdmin, { teamId: 'team-b', userId: 'me' })).toBe(true);
    expect(keyOwnerInScope(teamAdmin, { teamId: null, userId: 'me' })).toBe(true);
  });

  it("refuses other teams' keys and other users' personal keys", () => {
    expect(keyOwnerInScope(teamAdmin, { teamId: 'team-b', userId: 'someone' })).toBe(false);
    expect(keyOwnerInScope(teamAdmin, { teamId: null, userId: 'someone' })).toBe(false);
    expect(keyOwnerInScope(teamAdmin, { teamId: null, userId: null })).toBe(false);
  });

  it("keeps a team key's own keys in its team", () => {
    expect(keyOwnerInScope(teamKey, { teamId: 'team-a', userId: 'me' })).toBe(true);
    expect(keyOwnerInScope(teamKey, { teamId: null, userId: 'me' })).toBe(false);
    expect(keyOwnerInScope(teamKey, { teamId: 'team-b', userId: 'me' })).toBe(false);
  });
});
