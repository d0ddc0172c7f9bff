// A check sees only the facts it declares in `needs`: asking for another one throws, so a test
// that takes the path where a check asks for an undeclared fact fails with an error result that
// names it.
import type { Check } from '../../src/checks/support/check';
import type { Facts } from '../../src/facts';

export function declaredOnly(check: Check, facts: Facts): Facts {
  return new Proxy(facts, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string' || typeof value !== 'function' || (check.needs as readonly string[]).includes(key)) return value;
      return () => Promise.reject(new Error(`${check.id} asks for ${key}() without declaring it in needs`));
    },
  });
}
