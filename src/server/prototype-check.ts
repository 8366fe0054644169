// What /healthz checks besides the database: that nothing has written into Object.prototype.
// A polluted prototype (a form field named `__proto__.x`) breaks every page and JSON body while
// the process itself looks alive; the health check must say so, so a supervisor restarts it.

type Snapshot = Map<string | symbol, PropertyDescriptor>;

function snapshot(target: object): Snapshot {
  return new Map(
    Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key) ?? {}]),
  );
}

const same = (a: PropertyDescriptor, b: PropertyDescriptor) =>
  Object.is(a.value, b.value) && Object.is(a.get, b.get) && Object.is(a.set, b.set);

/** Takes the state of Object.prototype now; the returned check says whether it is still the same. */
export function watchObjectPrototype(): () => boolean {
  const before = snapshot(Object.prototype);
  return () => {
    const now = snapshot(Object.prototype);
    if (now.size !== before.size) return false;
    for (const [key, descriptor] of now) {
      const earlier = before.get(key);
      if (!earlier || !same(earlier, descriptor)) return false;
    }
    // A fresh object must have nothing to enumerate and no unexpected members.
    for (const _ in {}) return false;
    return Object.getPrototypeOf(Object.prototype) === null;
  };
}
