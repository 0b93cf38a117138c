import type { CaseCategory } from "@/lib/vocabulary";

/**
 * What a new case gets unless someone says otherwise. Plain values (the seed and the browser read
 * them too); the district changes the deadlines in its work settings (lib/settings).
 */

/** Working days to answer, per category: the district rules give referrals 20 (抄告…20个工作日内反馈). */
export const DEFAULT_DUE_WORKING_DAYS: Record<CaseCategory, number> = {
  stall_violation: 20,
  complaint: 20,
  fire_hazard: 20,
  unlicensed_business: 20,
  illegal_structure: 20,
};

/** The department a case of each category usually goes to (the seed's demo cases use it). */
export const DEFAULT_DEPARTMENT: Record<CaseCategory, string> = {
  stall_violation: "urban_management",
  complaint: "subdistrict_office",
  fire_hazard: "fire_rescue",
  unlicensed_business: "market_regulation",
  illegal_structure: "housing_construction",
};
