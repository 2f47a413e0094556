/**
 * L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted least
 * squares) with a Cholesky solve: deterministic, no dependency, exact to the last digit on every
 * platform that runs IEEE doubles. An example is a list of active features, each with a value (1
 * for a category, a number for a scaled score); feature 0 is the intercept, never penalised.
 */

export interface SparseExample {
  /** Indices of the features the example has (ascending, no repeats), intercept excluded. */
  features: readonly number[];
  /** Their values (1 for a one-hot category). */
  values: readonly number[];
  won: boolean;
}

export interface LogisticModel {
  /** weights[0] is the intercept; weights[1 + j] the weight of feature j. */
  weights: Float64Array;
}

const MAX_ITERATIONS = 30;
const TOLERANCE = 1e-7;

/**
 * @param size how many features there are (the intercept not counted).
 * @param lambda the L2 penalty on every weight but the intercept.
 * @example
 * const model = trainLogistic(examples, 40, 1);
 * predictLogistic(model, examples[0]) // 0.73
 */
export function trainLogistic(examples: readonly SparseExample[], size: number, lambda = 1): LogisticModel {
  const d = size + 1;
  const weights = new Float64Array(d);
  const won = examples.filter((e) => e.won).length;
  // Start at the base rate: fewer steps, and none overshoots.
  weights[0] = Math.log(Math.max(0.5, won) / Math.max(0.5, examples.length - won));
  const hessian = new Float64Array(d * d);
  const gradient = new Float64Array(d);
  const index: number[] = [];
  const value: number[] = [];
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    hessian.fill(0);
    gradient.fill(0);
    for (const example of examples) {
      activeOf(example, index, value);
      const p = sigmoid(dot(weights, index, value));
      const residual = p - (example.won ? 1 : 0);
      const w = Math.max(p * (1 - p), 1e-10);
      for (let a = 0; a < index.length; a++) {
        const ia = index[a] as number;
        const va = value[a] as number;
        gradient[ia] = (gradient[ia] as number) + residual * va;
        const row = ia * d;
        for (let b = 0; b <= a; b++) {
          const at = row + (index[b] as number);
          hessian[at] = (hessian[at] as number) + w * va * (value[b] as number);
        }
      }
    }
    for (let j = 1; j < d; j++) {
      gradient[j] = (gradient[j] as number) + lambda * (weights[j] as number);
      hessian[j * d + j] = (hessian[j * d + j] as number) + lambda;
    }
    // Only the lower triangle was summed (indices ascend), and only it is read by the solve.
    const step = solveCholesky(hessian, gradient, d);
    let largest = 0;
    for (let j = 0; j < d; j++) {
      weights[j] = (weights[j] as number) - (step[j] as number);
      largest = Math.max(largest, Math.abs(step[j] as number));
    }
    if (largest < TOLERANCE) break;
  }
  return { weights };
}

export function predictLogistic(model: LogisticModel, example: SparseExample): number {
  const index: number[] = [];
  const value: number[] = [];
  activeOf(example, index, value);
  return sigmoid(dot(model.weights, index, value));
}

/** The example's active weights' indices (intercept first, then 1 + feature) and values. */
function activeOf(example: SparseExample, index: number[], value: number[]): void {
  index.length = 0;
  value.length = 0;
  index.push(0);
  value.push(1);
  for (let k = 0; k < example.features.length; k++) {
    index.push((example.features[k] as number) + 1);
    value.push(example.values[k] as number);
  }
}

function dot(weights: Float64Array, index: readonly number[], value: readonly number[]): number {
  let sum = 0;
  for (let k = 0; k < index.length; k++)
    sum += (weights[index[k] as number] as number) * (value[k] as number);
  return sum;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Solves A x = b for a symmetric positive definite A (d × d, row-major; only its lower triangle
 * is read). The penalty keeps A
 * positive definite; a pivot that still comes out tiny is floored rather than divided by.
 */
export function solveCholesky(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * d + k] as number) * (l[j * d + k] as number);
      if (i === j) l[i * d + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * d + j] = sum / (l[j * d + j] as number);
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * d + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * d + i] as number);
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < d; k++) sum -= (l[k * d + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * d + i] as number);
  }
  return x;
}
