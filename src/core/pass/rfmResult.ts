/** A customer's RFM result, shared between the customers with the same scores. */
import type { RfmSegment } from "../grade/rfm/rfmSegment";

/** Shared between the customers with the same scores: read-only. */
export interface RfmResult {
  readonly r: number;
  readonly f: number;
  readonly m: number;
  /** "545" style code. */
  readonly code: string;
  readonly segment: RfmSegment;
}
