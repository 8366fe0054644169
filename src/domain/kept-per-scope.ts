// Values made once and kept by a string key within a scope object (a database, a copy of the
// program catalogue), the least recently used dropped past a bound: for what a page or a query
// makes again and again from the same few inputs. When the scope object goes, its values go with
// it (a WeakMap); a new scope (an edited catalogue's copy) starts empty.

/** A `keep(scope, key, make)`: the value kept for `key` in `scope`, made by `make` the first time. */
export function keptPerScope<V>(max: number): (scope: object, key: string, make: () => V) => V {
  const scopes = new WeakMap<object, Map<string, V>>();
  return (scope, key, make) => {
    let kept = scopes.get(scope);
    if (!kept) {
      kept = new Map();
      scopes.set(scope, kept);
    }
    const hit = kept.get(key);
    if (hit !== undefined) {
      // Most recently used last, so the first in the map is the one to drop.
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    }
    const made = make();
    kept.set(key, made);
    if (kept.size > max) kept.delete(kept.keys().next().value as string);
    return made;
  };
}
