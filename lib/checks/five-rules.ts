/**
 * The five rules (五个一律) as the district's rules state them, one home for their numbers, terms
 * and outcomes. Each rule is one column of rental_buildings and of building_checks; `broken`
 * says which value of the column means the rule applies.
 * - ① not meeting rental conditions, ② an illegal structure, ③ a fire hazard → may not be rented (不准出租);
 * - ④ no title or legal papers → no business licence is issued (不予办理营业执照); renting is not barred;
 * - ⑤ a safety hazard → renting suspended until it is fixed (停租整治).
 */
export const FIVE_RULES = [
  {
    number: 1,
    column: "meets_rental_conditions",
    broken: false,
    outcome: "no_rent",
    zh: "不符合出租条件",
    en: "Does not meet rental conditions",
  },
  { number: 2, column: "illegal_structure", broken: true, outcome: "no_rent", zh: "违法建筑", en: "Illegal structure" },
  { number: 3, column: "fire_hazard", broken: true, outcome: "no_rent", zh: "消防不达标", en: "Fire hazard (fails fire rules)" },
  { number: 4, column: "no_title", broken: true, outcome: "no_licence", zh: "无产权证明或合法手续", en: "No title or legal papers" },
  { number: 5, column: "other_safety_hazard", broken: true, outcome: "suspend", zh: "存在安全隐患", en: "Safety hazard" },
] as const;

export type FiveRule = (typeof FIVE_RULES)[number];
export type RuleColumn = FiveRule["column"];
export const RULE_COLUMNS = FIVE_RULES.map((r) => r.column) as RuleColumn[];

/** What each outcome means, in the rules' own words. */
export const RULE_OUTCOMES = {
  no_rent: { zh: "不准出租", en: "may not be rented" },
  no_licence: { zh: "不予办理营业执照", en: "no business licence" },
  suspend: { zh: "停租整治", en: "renting suspended until fixed" },
} as const;

/** Rules whose breach on a rented building opens a rectification: all but ④, which bars no renting. */
export const RECTIFIED_RULES = FIVE_RULES.filter((r) => r.outcome !== "no_licence").map((r) => r.column) as Exclude<RuleColumn, "no_title">[];

export const isBroken = (rule: RuleColumn, value: boolean): boolean => FIVE_RULES.find((r) => r.column === rule)!.broken === value;

/** A rule's label with its number, e.g. "③ 消防不达标 → 不准出租". */
export function ruleLabel(rule: RuleColumn, language: "zh" | "en"): string {
  const r = FIVE_RULES.find((x) => x.column === rule)!;
  return `${"①②③④⑤"[r.number - 1]} ${r[language]} → ${RULE_OUTCOMES[r.outcome][language]}`;
}

/** What the database derives from the flags (columns rental_status, rentable, licence_allowed; migration 0014). */
export type RentalStatus = "allowed" | "barred" | "suspended";
