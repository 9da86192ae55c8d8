import type { Model } from './model';

/**
 * Models in an order where each comes after the models it reads (Kahn's algorithm,
 * ties broken by layer then name so the order is stable). A cycle is an error naming it.
 */
export function topologicalOrder(models: Model[]): Model[] {
  const byId = new Map(models.map((m) => [m.id, m]));
  const upstream = new Map(models.map((m) => [m.id, m.references.filter((r) => byId.has(r))]));
  const done = new Set<string>();
  const order: Model[] = [];
  const rank = (m: Model) => `${m.layer === 'silver' ? 0 : 1}:${m.name}`;
  while (order.length < models.length) {
    const ready = models.filter((m) => !done.has(m.id) && upstream.get(m.id)!.every((u) => done.has(u)));
    if (ready.length === 0) {
      const stuck = models.filter((m) => !done.has(m.id)).map((m) => m.id);
      throw new Error(`the models depend on each other in a cycle: ${stuck.join(', ')}`);
    }
    ready.sort((a, b) => rank(a).localeCompare(rank(b)));
    for (const m of ready) {
      done.add(m.id);
      order.push(m);
    }
  }
  return order;
}

/** The models that read `id`, directly or through others. */
export function descendants(models: Model[], id: string): Set<string> {
  const out = new Set<string>();
  const visit = (target: string) => {
    for (const m of models) if (m.references.includes(target) && !out.has(m.id)) out.add(m.id), visit(m.id);
  };
  visit(id);
  return out;
}

/** What "re-run from here" runs: the model and every model that reads it, directly or not. */
export function rerunSet(models: Model[], id: string): string[] {
  if (!models.some((m) => m.id === id)) throw new Error(`there is no model ${id}`);
  return [id, ...descendants(models, id)];
}

/**
 * What resuming a run rebuilds: every model that did not succeed in it (failed, skipped,
 * or not in it at all) and every model that reads one of them; what succeeded stays.
 */
export function resumeSet(models: Model[], previous: ReadonlyArray<{ name: string; status: string }>): string[] {
  const succeeded = new Set(previous.filter((m) => m.status === 'success').map((m) => m.name));
  const out = new Set<string>();
  for (const m of topologicalOrder(models)) if (!succeeded.has(m.id)) for (const id of rerunSet(models, m.id)) out.add(id);
  return topologicalOrder(models).filter((m) => out.has(m.id)).map((m) => m.id);
}

/** `ids` and every model they read, directly or through others (tables that are not models are left out). */
export function ancestors(models: Model[], ids: readonly string[]): Set<string> {
  const byId = new Map(models.map((m) => [m.id, m]));
  const out = new Set<string>();
  const visit = (id: string) => {
    const model = byId.get(id);
    if (!model || out.has(id)) return;
    out.add(id);
    for (const r of model.references) visit(r);
  };
  for (const id of ids) visit(id);
  return out;
}

/**
 * `order` (a topological order) with the models in `first` moved ahead of the others, each
 * part keeping its order: still an order where each model comes after what it reads, as
 * long as `first` holds the ancestors of its models (what `ancestors` returns).
 */
export function firstThenRest<T extends { id: string }>(order: readonly T[], first: ReadonlySet<string>): T[] {
  return [...order.filter((m) => first.has(m.id)), ...order.filter((m) => !first.has(m.id))];
}
