/**
 * The lead fields LeadGrade understands, and what kind of value each holds. A sheet's columns are
 * mapped onto these fields (by header or by hand); every rule names one of them.
 */

export const FIELDS = [
  "name",
  "company",
  "source",
  "industry",
  "intent",
  "budget",
  "timeline",
  "region",
  "lastContact",
  "firstContact",
  "created",
  "lastPurchase",
  "orders",
  "revenue",
  "notes",
  "owner",
  "email",
  "phone",
  "stage",
  "status",
  "converted",
  "channel",
  "override",
  "overrideReason",
] as const;

export type Field = (typeof FIELDS)[number];

export type FieldKind = "text" | "number" | "money" | "date" | "intent";

/** How a field's cells are read. Everything not listed is free text. */
export const FIELD_KIND: Record<Field, FieldKind> = {
  name: "text",
  company: "text",
  source: "text",
  industry: "text",
  intent: "intent",
  budget: "money",
  timeline: "text",
  region: "text",
  lastContact: "date",
  firstContact: "date",
  created: "date",
  lastPurchase: "date",
  orders: "number",
  revenue: "money",
  notes: "text",
  owner: "text",
  email: "text",
  phone: "text",
  stage: "text",
  status: "text",
  converted: "text",
  channel: "text",
  override: "text",
  overrideReason: "text",
};
