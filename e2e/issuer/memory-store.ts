/**
 * Where one test issuer keeps oidc-provider's state: sessions, grants,
 * codes and tokens, in plain maps that live as long as the issuer. (The
 * package's own fallback store is shared by every provider in the process,
 * holds at most 1000 entries, and warns on every start.)
 */

import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface StoredEntry {
  readonly payload: AdapterPayload;
  /** Epoch milliseconds; Infinity when oidc-provider gave no lifetime. */
  readonly expiresAt: number;
}

/** The state of one issuer, shared by its per-model adapters. */
class IssuerStore {
  readonly entries = new Map<string, StoredEntry>();
  /** Grant id to the keys of the codes and tokens it produced. */
  readonly grants = new Map<string, Set<string>>();
  /** Session uid, or device user code, to the key that holds it. */
  readonly lookups = new Map<string, string>();

  read(key: string | undefined): AdapterPayload | undefined {
    const entry = key === undefined ? undefined : this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > Date.now()) return entry.payload;

    this.entries.delete(key as string);
    return undefined;
  }
}

class ModelAdapter implements Adapter {
  readonly #model: string;
  readonly #store: IssuerStore;

  constructor(model: string, store: IssuerStore) {
    this.#model = model;
    this.#store = store;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
    const key = this.#key(id);
    const expiresAt =
      expiresIn === undefined ? Infinity : Date.now() + expiresIn * 1000;
    this.#store.entries.set(key, { payload, expiresAt });

    if (payload.grantId) this.#grantMembers(payload.grantId).add(key);
    if (this.#model === 'Session' && payload.uid) {
      this.#store.lookups.set(`uid:${payload.uid}`, key);
    }
    if (payload.userCode) {
      this.#store.lookups.set(`userCode:${payload.userCode}`, key);
    }
  }

  async find(id: string) {
    return this.#store.read(this.#key(id));
  }

  async findByUid(uid: string) {
    return this.#store.read(this.#store.lookups.get(`uid:${uid}`));
  }

  async findByUserCode(userCode: string) {
    return this.#store.read(this.#store.lookups.get(`userCode:${userCode}`));
  }

  async consume(id: string) {
    const payload = this.#store.read(this.#key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string) {
    this.#store.entries.delete(this.#key(id));
  }

  async revokeByGrantId(grantId: string) {
    for (const key of this.#store.grants.get(grantId) ?? []) {
      this.#store.entries.delete(key);
    }
    this.#store.grants.delete(grantId);
  }

  #key(id: string): string {
    return `${this.#model}:${id}`;
  }

  #grantMembers(grantId: string): Set<string> {
    const members = this.#store.grants.get(grantId) ?? new Set<string>();
    this.#store.grants.set(grantId, members);
    return members;
  }
}

/** An adapter factory whose state belongs to one issuer alone. */
export function createMemoryStore(): AdapterFactory {
  const store = new IssuerStore();

  return (model) => new ModelAdapter(model, store);
}
