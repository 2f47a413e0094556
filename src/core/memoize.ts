/**
 * A function that remembers its answers: sheets repeat the same few hundred values (a source, a
 * company, a follow-up day) across many rows, so each distinct value is worked out once. Make one
 * per pass: the cache lives as long as the returned function, and holds at most `limit` answers.
 *
 * @example
 * const iso = memoize(isoFromCivilDay);
 * iso(20_779) // "2026-11-22", computed once however many rows ask
 */
export function memoize<K, V>(fn: (key: K) => V, limit = Number.POSITIVE_INFINITY): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined && !cache.has(key)) {
      value = fn(key);
      // Past the limit, answers are worked out each time (a column of unique notes).
      if (cache.size < limit) cache.set(key, value);
    }
    return value as V;
  };
}
