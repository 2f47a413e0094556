/**
 * Maps a score to a grade by the manager's thresholds: the first grade whose minimum the score
 * reaches; the last grade takes everything below.
 */
import type { GradeDef } from "../rules/schema";

/**
 * @example
 * gradeFromScore(standardPreset().grades, 55) // "B"
 */
export function gradeFromScore(grades: readonly GradeDef[], score: number): string {
  for (let i = 0; i < grades.length - 1; i++) {
    const g = grades[i] as GradeDef;
    if (score >= g.minScore) return g.grade;
  }
  return (grades[grades.length - 1] as GradeDef).grade;
}

/**
 * Reads a hand-set grade ("A", "a", "A级", "高意向" → "高") against the rule set's grades.
 *
 * @example
 * parseGradeOverride(standardPreset().grades, " b级 ") // "B"
 */
export function parseGradeOverride(grades: readonly GradeDef[], text: string): string | undefined {
  const t = text
    .trim()
    .replace(/(级|類|类|档|意向|grade)$/iu, "")
    .trim()
    .toUpperCase();
  return grades.find((g) => g.grade.toUpperCase() === t)?.grade;
}
