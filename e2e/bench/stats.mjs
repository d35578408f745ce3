// The statistics every bench script prints, defined once so their figures compare: medians and
// quantiles over the finite values (a load that gave no time is left out), with linear
// interpolation between the two nearest ranks.

/** The `q` quantile (0..1) of the finite values in `xs`; NaN when there are none. */
export function quantile(xs, q) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
}

/** The median of the finite values in `xs`; NaN when there are none. */
export const median = (xs) => quantile(xs, 0.5);
