// /key/* operations. Every read and write goes through the caller's key scope (out of scope = 404) and
// every write through the grant policy; every change is published so all instances drop cached keys.
import { Injectable } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import { Prisma, type VirtualKey } from '@quarry/db';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { notFound, requireWriter } from '../auth/management-errors';
import { isProxyAdmin, isTeamAdmin, type Principal } from '../auth/principal';
import { displayFormOf, generateVirtualKey, hashVirtualKey } from '../auth/virtual-key';
import { parseDuration } from '../../platform/validation/duration';
import { ModelRegistry } from '../models/model-registry';
import type { DeleteKeysDto } from './dto/delete-keys.dto';
import type { GenerateKeyDto } from './dto/generate-key.dto';
import type { KeyFieldsDto } from './dto/key-fields.dto';
import type { ListKeysQuery } from './dto/list-keys.query';
import type { RegenerateKeyDto } from './dto/regenerate-key.dto';
import type { UpdateKeyDto } from './dto/update-key.dto';
import { desiredKeyAfter, keyColumnsFrom } from './key-changes';
import { assertKeyGrant, assertMayChangeBlock } from './key-grant-policy';
import { keyResponse, keyWithSecretResponse } from './key-response';
import { keyScopeFor } from './key-scope';
import { KeysRepository } from './keys.repository';

const DEFAULT_PAGE_SIZE = 10;

@Injectable()
export class KeysService {
  constructor(
    private readonly keys: KeysRepository,
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
    const secret = generateVirtualKey();
    const columns = keyColumnsFrom(fields, Date.now()) as Prisma.VirtualKeyUncheckedCreateInput;
    const key = await this.keys
      .create({
        ...columns,
        userId: fields.user_id !== undefined ? fields.user_id : defaultUserId,
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
    const updated = await this.keys
      .update(existing.id, keyColumnsFrom(changes, Date.now()))
      .catch(rethrowAliasConflict);
    await this.invalidation.publish({ keys: [existing.id] });
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
    const updated = await this.keys
      .update(existing.id, {
        ...keyColumnsFrom(changes, Date.now()),
        hash: hashVirtualKey(secret),
        displayKey: displayFormOf(secret),
        previousHash: graceMs > 0 ? existing.hash : null,
        previousHashExpires: graceMs > 0 ? new Date(Date.now() + graceMs) : null,
      })
      .catch(rethrowAliasConflict);
    await this.invalidation.publish({ keys: [existing.id] });
    return keyWithSecretResponse(updated, secret);
  }

  async delete(principal: Principal, request: DeleteKeysDto) {
    requireWriter(principal);
    const references = request.keys ?? [];
    const aliases = request.key_aliases ?? [];
    if (references.length + aliases.length === 0)
      throw OpenAIError.badRequest('Give keys (keys or key ids) or key_aliases to delete', 'keys');
    const found = await this.keys.findManyByReferences(keyScopeFor(principal, 'write'), references, aliases);
    const missing = [
      ...references.filter(
        (reference) => !found.some((key) => key.id === reference || key.hash === hashVirtualKey(reference)),
      ),
      ...aliases.filter((alias) => !found.some((key) => key.alias === alias)),
    ];
    // All or nothing: a typo must not leave the caller believing a key was revoked.
    if (missing.length > 0) throw notFound('Key', references.length > 0 ? 'keys' : 'key_aliases');
    const ids = found.map((key) => key.id);
    await this.keys.deleteByIds(ids);
    await this.invalidation.publish({ keys: ids });
    return { deleted_keys: ids };
  }

  async setBlocked(principal: Principal, reference: string, blocked: boolean) {
    const existing = await this.findWritable(principal, reference, 'key');
    assertMayChangeBlock(principal, existing.teamId);
    const updated = await this.keys.update(existing.id, { blocked });
    await this.invalidation.publish({ keys: [existing.id] });
    return keyResponse(updated);
  }

  async info(principal: Principal, reference: string | undefined) {
    const scope = keyScopeFor(principal, 'read');
    const target = reference ?? principal.keyId;
    if (!target)
      throw OpenAIError.badRequest(
        'key is required (the key or its id) when calling with the master key',
        'key',
      );
    const key = await this.keys.findByReference(scope, target);
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

  private async findWritable(principal: Principal, reference: string, param: string): Promise<VirtualKey> {
    requireWriter(principal);
    const key = await this.keys.findByReference(keyScopeFor(principal, 'write'), reference);
    if (!key) throw notFound('Key', param);
    return key;
  }

  private async checkGrant(
    principal: Principal,
    existing: VirtualKey | null,
    fields: KeyFieldsDto,
    defaultUserId: string | null,
  ): Promise<void> {
    if (fields.blocked !== undefined && existing && fields.blocked !== existing.blocked) {
      assertMayChangeBlock(principal, existing.teamId);
    }
    const desired = desiredKeyAfter(existing, fields, { userId: defaultUserId });
    const context = await this.keys.grantContext(desired.teamId, desired.userId, principal.userId);
    assertKeyGrant(principal, desired, context, this.registry);
  }
}

function createdBy(principal: Principal): string {
  return principal.kind === 'master' ? 'master_key' : (principal.userId ?? `key:${principal.keyId}`);
}

function rethrowAliasConflict(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
    throw new OpenAIError(
      409,
      'A key with this key_alias already exists.',
      'invalid_request_error',
      'key_alias',
      'key_alias_exists',
    );
  throw error;
}
