// The repositories' scope parameter is honoured by the queries themselves: a row outside the caller's
// scope is neither found, nor changed, nor deleted, and a write cannot create one. The management e2e
// tests check the same through the API; these pin it at the data layer the worker will share.
import { randomUUID } from 'node:crypto';
import {
  ALL_KEYS,
  KeysRepository,
  OutOfScopeError,
  PrismaService,
  TeamsRepository,
  UniqueViolationError,
  UsersRepository,
  type KeyScope,
  type TeamScope,
  type UserScope,
} from '@quarry/db';
import { testDatabaseUrl } from '../support/database';

describe('repositories and scopes', () => {
  let prisma: PrismaService;
  let keys: KeysRepository;
  let teams: TeamsRepository;
  let users: UsersRepository;

  beforeAll(() => {
    prisma = new PrismaService(testDatabaseUrl());
    keys = new KeysRepository(prisma);
    teams = new TeamsRepository(prisma);
    users = new UsersRepository(prisma);
  });
  afterAll(() => prisma.$disconnect());

  const everyTeam: TeamScope = { all: true, teamIds: [] };
  const everyUser: UserScope = { all: true, teamIds: [] };

  async function tenant() {
    const team = await teams.create(everyTeam, { id: `team-${randomUUID()}` }, []);
    const key = await keys.create(ALL_KEYS, {
      teamId: team.id,
      hash: randomUUID(),
      displayKey: 'sk-…test',
      createdBy: 'test',
    });
    return { team, key, keyScope: { all: false, teamIds: [team.id] } as KeyScope };
  }

  it('does not find, change or delete a key of another team', async () => {
    const mine = await tenant();
    const theirs = await tenant();
    expect(await keys.find(mine.keyScope, { id: theirs.key.id })).toBeNull();
    expect(await keys.update(mine.keyScope, theirs.key.id, { blocked: true })).toBeNull();
    expect(await keys.delete(mine.keyScope, [theirs.key.id, mine.key.id])).toBe(1);
    expect(await keys.find(ALL_KEYS, { id: theirs.key.id })).toMatchObject({ blocked: false });
    expect(await keys.find(ALL_KEYS, { id: mine.key.id })).toBeNull();
  });

  it('refuses to create a key outside the scope, or to move one out of it', async () => {
    const mine = await tenant();
    const theirs = await tenant();
    const outside = keys.create(mine.keyScope, {
      teamId: theirs.team.id,
      hash: randomUUID(),
      displayKey: 'sk-…test',
      createdBy: 'test',
    });
    await expect(outside).rejects.toBeInstanceOf(OutOfScopeError);
    await expect(keys.update(mine.keyScope, mine.key.id, { teamId: theirs.team.id })).rejects.toBeInstanceOf(
      OutOfScopeError,
    );
    expect(await keys.find(ALL_KEYS, { id: mine.key.id })).toMatchObject({ teamId: mine.team.id });
  });

  it('does not change or delete teams and users outside the scope', async () => {
    const mine = await tenant();
    const theirs = await tenant();
    const mineOnly: TeamScope = { all: false, teamIds: [mine.team.id] };
    expect(await teams.update(mineOnly, theirs.team.id, { alias: 'taken over' })).toBeNull();
    expect(
      await teams.addMembers(mineOnly, theirs.team.id, [{ email: `${randomUUID()}@x.io`, role: 'admin' }]),
    ).toBeNull();
    expect(await teams.delete(mineOnly, [theirs.team.id])).toEqual({ keyIds: [], memberIds: [] });
    expect(await teams.find(everyTeam, theirs.team.id)).toMatchObject({ alias: null, members: [] });

    const { user } = await users.create(everyUser, { email: `${randomUUID()}@x.io` }, [], undefined);
    const someoneElse: UserScope = { all: false, userId: 'someone-else', teamIds: [mine.team.id] };
    expect(await users.update(someoneElse, user.id, { role: 'proxy_admin' })).toBeNull();
    expect(await users.delete(someoneElse, [user.id])).toEqual([]);
    expect(await users.find(everyUser, { id: user.id })).toMatchObject({ role: 'internal_user' });
  });

  it('creates teams and users only for a caller whose scope is everything', async () => {
    await expect(teams.create({ all: false, teamIds: [] }, {}, [])).rejects.toBeInstanceOf(OutOfScopeError);
    await expect(users.create({ all: false, teamIds: [] }, {}, [], undefined)).rejects.toBeInstanceOf(
      OutOfScopeError,
    );
  });

  it('reports unique violations with the field, also from inside a transaction', async () => {
    const mine = await tenant();
    const alias = `alias-${randomUUID()}`;
    await keys.update(ALL_KEYS, mine.key.id, { alias });
    // key_alias is unique within a team: another team may hold the same alias.
    const other = await tenant();
    expect(await keys.update(ALL_KEYS, other.key.id, { alias })).toMatchObject({ alias });
    const sameTeam = await keys.create(ALL_KEYS, {
      teamId: mine.team.id,
      hash: randomUUID(),
      displayKey: 'sk-…test',
      createdBy: 'test',
    });
    await expect(keys.update(ALL_KEYS, sameTeam.id, { alias })).rejects.toMatchObject({
      field: 'key.alias',
    });
    await expect(teams.create(everyTeam, { id: mine.team.id }, [])).rejects.toMatchObject({
      field: 'team.id',
    });

    const email = `${randomUUID()}@x.io`;
    await users.create(everyUser, { email }, [], undefined);
    const duplicate = users.create(everyUser, { email }, [mine.team.id], undefined);
    await expect(duplicate).rejects.toBeInstanceOf(UniqueViolationError);
    await expect(duplicate).rejects.toMatchObject({ field: 'user.email' });
  });
});
