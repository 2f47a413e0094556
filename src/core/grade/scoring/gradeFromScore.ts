/**
 * Maps a score to a grade by the manager's thresholds: the first grade whose minimum the score
 * reaches; the last grade takes everything below.
 */
import type { GradeDef } from "../../model/schema";

/**
 * @example
 * gradeFromScore(standardPreset().grades, 55) // "B"
 */
export function gradeFromScore(grades: readonly GradeDef[], score: number): string {
  return (grades[gradeNumber(grades, score)] as GradeDef).grade;
}

/**
 * The grade's place in the rule set's list of grades (0 is the best).
 *
 * @example
 * gradeNumber(standardPreset().grades, 55) // 1 (B)
 */
export function gradeNumber(grades: readonly GradeDef[], score: number): number {
  for (let i = 0; i < grades.length - 1; i++) if (score >= (grades[i] as GradeDef).minScore) return i;
  return grades.length - 1;
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
