// /key/* operations. Every read and write goes through the caller's key scope (out of scope = 404) and
// every write through the grant policy; every change is published so all instances drop cached keys.
import { Injectable } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import { asRecord } from '../../platform/config/is-object';
import {
  ALL_TEAMS,
  ALL_USERS,
  KeysRepository,
  TeamsRepository,
  UsersRepository,
  type KeyChanges,
  type KeyRecord,
} from '@quarry/db';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { notFound, requireWriter, rethrowConflict } from '../auth/management-errors';
import { isProxyAdmin, isTeamAdmin, type Principal } from '../auth/principal';
import { displayFormOf, generateVirtualKey, hashVirtualKey, looksLikeSecretKey } from '../auth/virtual-key';
import { parseDuration } from '../../platform/validation/duration';
import { ModelRegistry } from '../models/model-registry';
import type { DeleteKeysDto } from './dto/delete-keys.dto';
import type { GenerateKeyDto } from './dto/generate-key.dto';
import type { KeyFieldsDto } from './dto/key-fields.dto';
import type { ListKeysQuery } from './dto/list-keys.query';
import type { RegenerateKeyDto } from './dto/regenerate-key.dto';
import type { UpdateKeyDto } from './dto/update-key.dto';
import { ALLOWED_PASSTHROUGH_ROUTES, desiredKeyAfter, keyChangesFrom } from './key-changes';
import { assertKeyGrant, assertMayChangeBlock } from './key-grant-policy';
import { keyReferenceOf } from './key-reference';
import { keyResponse, keyWithSecretResponse } from './key-response';
import { keyScopeFor } from './key-scope';

const DEFAULT_PAGE_SIZE = 10;

@Injectable()
export class KeysService {
  constructor(
    private readonly keys: KeysRepository,
    private readonly teams: TeamsRepository,
    private readonly users: UsersRepository,
    private readonly registry: ModelRegistry,
    private readonly invalidation: CacheInvalidationService,
  ) {}

  async generate(principal: Principal, fields: GenerateKeyDto) {
    requireWriter(principal);
    const teamId = fields.team_id ?? null;
    // Non-admins create keys for themselves unless, as team admins, they create a team (service) key.
    const defaultUserId =
      isProxyAdmin(principal) || isTeamAdmin(principal, teamId) ? null : (principal.userId ?? null);
    await this.checkGrant(principal, null, fields, defaultUserId);
    requirePassthroughRoutesWriter(principal, fields, {});
    const userId = fields.user_id !== undefined ? fields.user_id : defaultUserId;
    const secret = generateVirtualKey();
    const key = await this.keys
      .create(keyScopeFor(principal, 'write'), {
        ...keyChangesFrom(fields, Date.now()),
        userId,
        hash: hashVirtualKey(secret),
        displayKey: displayFormOf(secret),
        createdBy: createdBy(principal),
      })
      .catch(rethrowAliasConflict);
    return keyWithSecretResponse(key, secret);
  }

  async update(principal: Principal, fields: UpdateKeyDto) {
    const existing = await this.findWritable(principal, fields.key, 'key');
    const { key: _reference, ...changes } = fields;
    await this.checkGrant(principal, existing, changes, existing.userId);
    requirePassthroughRoutesWriter(principal, changes, existing.metadata);
    const updated = await this.write(
      principal,
      existing,
      keyChangesFrom(changes, Date.now(), asRecord(existing.metadata)),
    );
    return keyResponse(updated);
  }

  /** New secret, same key id. With a grace period the old secret keeps working until it ends. */
  async regenerate(principal: Principal, pathReference: string | undefined, fields: RegenerateKeyDto) {
    const { key: bodyReference, grace_period: gracePeriod, ...changes } = fields;
    const reference = pathReference ?? bodyReference;
    if (!reference) throw OpenAIError.badRequest('key is required (the key or its id)', 'key');
    const existing = await this.findWritable(principal, reference, 'key');
    await this.checkGrant(principal, existing, changes, existing.userId);
    const secret = generateVirtualKey();
    const graceMs = gracePeriod ? parseDuration(gracePeriod)! : 0;
    requirePassthroughRoutesWriter(principal, changes, existing.metadata);
    const updated = await this.write(principal, existing, {
      ...keyChangesFrom(changes, Date.now(), asRecord(existing.metadata)),
      hash: hashVirtualKey(secret),
      displayKey: displayFormOf(secret),
      previousHash: graceMs > 0 ? existing.hash : null,
      previousHashExpires: graceMs > 0 ? new Date(Date.now() + graceMs) : null,
    });
    return keyWithSecretResponse(updated, secret);
  }

  async delete(principal: Principal, request: DeleteKeysDto) {
    requireWriter(principal);
    const references = request.keys ?? [];
    const aliases = request.key_aliases ?? [];
    if (references.length + aliases.length === 0)
      throw OpenAIError.badRequest('Give keys (keys or key ids) or key_aliases to delete', 'keys');
    const scope = keyScopeFor(principal, 'write');
    const found = await this.keys.findMany(scope, {
      hashes: references.filter(looksLikeSecretKey).map(hashVirtualKey),
      ids: references.filter((reference) => !looksLikeSecretKey(reference)),
      aliases,
    });
    const missing = [
      ...references.filter(
        (reference) => !found.some((key) => key.id === reference || key.hash === hashVirtualKey(reference)),
      ),
      ...aliases.filter((alias) => !found.some((key) => key.alias === alias)),
    ];
    // All or nothing: a typo must not leave the caller believing a key was revoked.
    if (missing.length > 0) throw notFound('Key', references.length > 0 ? 'keys' : 'key_aliases');
    const ids = found.map((key) => key.id);
    await this.keys.delete(scope, ids);
    await this.invalidation.publish({ keys: ids });
    return { deleted_keys: ids };
  }

  async setBlocked(principal: Principal, reference: string, blocked: boolean) {
    const existing = await this.findWritable(principal, reference, 'key');
    assertMayChangeBlock(principal, existing.teamId);
    return keyResponse(await this.write(principal, existing, { blocked }));
  }

  async info(principal: Principal, reference: string | undefined) {
    const target = reference ?? principal.key?.id;
    if (!target)
      throw OpenAIError.badRequest(
        'key is required (the key or its id) when calling with the master key',
        'key',
      );
    const key = await this.keys.find(keyScopeFor(principal, 'read'), keyReferenceOf(target));
    if (!key) throw notFound('Key', 'key');
    return { key: key.id, info: keyResponse(key) };
  }

  async list(principal: Principal, query: ListKeysQuery) {
    const page = query.page ?? 1;
    const size = query.size ?? DEFAULT_PAGE_SIZE;
    const { keys, total } = await this.keys.list(
      keyScopeFor(principal, 'read'),
      { teamId: query.team_id, userId: query.user_id, alias: query.key_alias },
      page,
      size,
    );
    return {
      keys: query.return_full_object ? keys.map(keyResponse) : keys.map((key) => key.id),
      total_count: total,
      current_page: page,
      total_pages: Math.ceil(total / size),
    };
  }

  private async findWritable(principal: Principal, reference: string, param: string): Promise<KeyRecord> {
    requireWriter(principal);
    const key = await this.keys.find(keyScopeFor(principal, 'write'), keyReferenceOf(reference));
    if (!key) throw notFound('Key', param);
    return key;
  }

  /** Writes a key found by findWritable and tells every instance to drop it from its cache. */
  private async write(principal: Principal, existing: KeyRecord, changes: KeyChanges): Promise<KeyRecord> {
    const updated = await this.keys
      .update(keyScopeFor(principal, 'write'), existing.id, changes)
      .catch(rethrowAliasConflict);
    if (!updated) throw notFound('Key', 'key');
    await this.invalidation.publish({ keys: [existing.id] });
    return updated;
  }

  private async checkGrant(
    principal: Principal,
    existing: KeyRecord | null,
    fields: KeyFieldsDto,
    defaultUserId: string | null,
  ): Promise<void> {
    if (fields.blocked !== undefined && existing && fields.blocked !== existing.blocked) {
      assertMayChangeBlock(principal, existing.teamId);
    }
    const desired = desiredKeyAfter(existing, fields, { userId: defaultUserId });
    // Read whatever the caller's scope: the policy itself answers "not found" for what the caller may
    // not see, and these records are never returned.
    const [team, user, caller] = await Promise.all([
      desired.teamId ? this.teams.find(ALL_TEAMS, desired.teamId) : null,
      desired.userId ? this.users.find(ALL_USERS, { id: desired.userId }) : null,
      principal.userId ? this.users.find(ALL_USERS, { id: principal.userId }) : null,
    ]);
    assertKeyGrant(principal, desired, { team, user, caller }, this.registry);
  }
}

/**
 * Passthrough routes bound a key: only a proxy admin sets or lifts them (LiteLLM gates them too), whether
 * as the top-level field or inside metadata.
 */
function requirePassthroughRoutesWriter(
  principal: Principal,
  fields: { allowed_passthrough_routes?: string[]; metadata?: Record<string, unknown> },
  existingMetadata: unknown,
): void {
  if (isProxyAdmin(principal)) return;
  const current = JSON.stringify(asRecord(existingMetadata)[ALLOWED_PASSTHROUGH_ROUTES] ?? null);
  const inMetadata = fields.metadata?.[ALLOWED_PASSTHROUGH_ROUTES];
  const changed =
    (fields.allowed_passthrough_routes !== undefined &&
      JSON.stringify(fields.allowed_passthrough_routes) !== current) ||
    (inMetadata !== undefined && JSON.stringify(inMetadata) !== current);
  if (changed)
    throw new OpenAIError(
      403,
      'Only a proxy admin may set allowed_passthrough_routes',
      'permission_error',
      'allowed_passthrough_routes',
      'forbidden',
    );
}

function createdBy(principal: Principal): string {
  return principal.kind === 'master' ? 'master_key' : (principal.userId ?? `key:${principal.key?.id}`);
}

const rethrowAliasConflict = rethrowConflict({
  'key.alias': {
    param: 'key_alias',
    message: 'A key with this key_alias already exists.',
    code: 'key_alias_exists',
  },
});
