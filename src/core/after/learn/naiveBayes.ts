/**
 * Predicting conversion from won/lost history with naive Bayes, as Odoo's predictive lead scoring
 * does: for each field, how often each value occurs among won and among lost leads, every value
 * seen smoothed by 0.1 on both sides; a lead's probability is
 *   P(won)·Π P(value | won) / (P(won)·Π P(value | won) + P(lost)·Π P(value | lost)),
 * skipping fields the lead has no (or an unseen) value for. An ordinal field (a sales stage) counts
 * a won lead at every stage and a lost lead at every stage up to the one it was lost at. Each
 * field's share, P(v|won) / (P(v|won) + P(v|lost)), says why (above ½ helps, below ½ hurts); for the
 * ordinal field it is 1 − P(a lost lead got this far).
 */

export interface Example {
  /** Field → value; missing fields are simply absent. */
  values: Record<string, string>;
  won: boolean;
}

export interface ModelOptions {
  /** A field whose values are ordered stages, first stage first. */
  ordinal?: { field: string; order: readonly string[] };
}

interface Counts {
  won: number;
  lost: number;
}

export interface NaiveBayesModel {
  won: number;
  lost: number;
  fields: Map<string, Map<string, Counts>>;
  ordinal?: { field: string; order: readonly string[] };
}

const SMOOTHING = 0.1;

export function trainNaiveBayes(examples: readonly Example[], options: ModelOptions = {}): NaiveBayesModel {
  const fields = new Map<string, Map<string, Counts>>();
  const bump = (field: string, value: string, won: boolean) => {
    const values = fields.get(field) ?? new Map<string, Counts>();
    const counts = values.get(value) ?? { won: 0, lost: 0 };
    if (won) counts.won++;
    else counts.lost++;
    values.set(value, counts);
    fields.set(field, values);
  };
  let won = 0;
  let lost = 0;
  for (const example of examples) {
    if (example.won) won++;
    else lost++;
    for (const [field, value] of Object.entries(example.values)) {
      if (field === options.ordinal?.field) {
        const order = options.ordinal.order;
        const at = order.indexOf(value);
        if (at < 0) continue;
        // Won: it went through every stage; lost: every stage up to where it was lost.
        const reached = example.won ? order : order.slice(0, at + 1);
        for (const stage of reached) bump(field, stage, example.won);
      } else bump(field, value, example.won);
    }
  }
  if (options.ordinal)
    for (const stage of options.ordinal.order)
      fields.get(options.ordinal.field)?.get(stage) ?? bump(options.ordinal.field, stage, true);
  for (const values of fields.values()) {
    for (const counts of values.values()) {
      counts.won += SMOOTHING;
      counts.lost += SMOOTHING;
    }
  }
  return { won: won + SMOOTHING, lost: lost + SMOOTHING, fields, ordinal: options.ordinal };
}

export interface Contribution {
  field: string;
  value: string;
  /** P(v|won) / (P(v|won) + P(v|lost)): above ½ the value speaks for winning. */
  score: number;
}

export function predictNaiveBayes(
  model: NaiveBayesModel,
  values: Record<string, string>,
): { probability: number; contributions: Contribution[] } {
  let logWon = Math.log(model.won / (model.won + model.lost));
  let logLost = Math.log(model.lost / (model.won + model.lost));
  const contributions: Contribution[] = [];
  for (const [field, value] of Object.entries(values)) {
    const counts = model.fields.get(field);
    const mine = counts?.get(value);
    if (!counts || !mine) continue;
    let pWon: number;
    let pLost: number;
    if (field === model.ordinal?.field) {
      // Against the first stage, which every closed lead passed.
      const first = counts.get(model.ordinal.order[0] ?? "") ?? mine;
      pWon = mine.won / first.won;
      pLost = mine.lost / first.lost;
    } else {
      let totalWon = 0;
      let totalLost = 0;
      for (const c of counts.values()) {
        totalWon += c.won;
        totalLost += c.lost;
      }
      pWon = mine.won / totalWon;
      pLost = mine.lost / totalLost;
    }
    logWon += Math.log(pWon);
    logLost += Math.log(pLost);
    // A stage is scored by how few lost leads got this far (Odoo's tooltip does the same).
    const score = field === model.ordinal?.field ? 1 - pLost : pWon / (pWon + pLost);
    contributions.push({ field, value, score });
  }
  const probability = 1 / (1 + Math.exp(logLost - logWon));
  return { probability, contributions: contributions.sort((a, b) => b.score - a.score) };
}
