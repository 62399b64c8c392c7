// The council's vocabulary, shared by forms, seeds and domain code.
import type { MemberType, RoleLevel } from "../../db/schema";

export const ROLE_LEVEL_LABELS: Record<RoleLevel, string> = {
  c_level: "C-level",
  evp: "EVP",
  svp: "SVP",
  vp: "VP",
  director: "Director",
  below_director: "Below Director",
};

export const MEMBER_TYPE_LABELS: Record<MemberType, string> = {
  executive: "Executive",
  consultant: "Consultant / vendor",
};

/** Defaults seeded into the database; founders may rename stages and edit descriptions. */
export const DEFAULT_LIFECYCLE_AREAS = [
  { key: "customer", name: "Customer", description: "Awareness → interest → purchase → delivery → support → repeat → referral." },
  { key: "operational", name: "Operational", description: "How the enterprise runs: processes, supply chain, partners." },
  { key: "product", name: "Product", description: "Ideation, design and development with customers and employees." },
  { key: "information", name: "Information", description: "Knowledge, listening, insight and governance of data." },
  { key: "employee", name: "Employee", description: "Recruiting, onboarding, collaboration, advocacy and retention." },
] as const;

export const DEFAULT_DISCIPLINES = [
  { key: "strategy", name: "Social strategy", description: "Why and where: goals, governance, organisation." },
  { key: "execution", name: "Social execution", description: "How: programs, platforms, teams and processes." },
  { key: "measurement", name: "Measurement & ROI", description: "Whether it worked: metrics, attribution and return." },
] as const;

export const DEFAULT_MATURITY_STAGES = [
  { key: "experimenting", name: "Experimenting", description: "Pilots and early programs, owned by a few champions." },
  { key: "scaling", name: "Scaling", description: "Coordinated programs across functions with governance." },
  { key: "transforming", name: "Transforming", description: "Social is built into how the enterprise operates and measures itself." },
] as const;
