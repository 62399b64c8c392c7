import type { FormFailure } from "~/platform/forms";
import { MEMBER_TYPE_LABELS, ROLE_LEVEL_LABELS } from "~/forum/framework";
import { MEMBER_TYPES, ROLE_LEVELS } from "../../db/schema";
import { RadioGroup, SelectField, TextAreaField } from "./choice";
import { Field } from "./field";

const roleLevels = ROLE_LEVELS.map((v) => ({ value: v, label: ROLE_LEVEL_LABELS[v] }));
const memberTypes = MEMBER_TYPES.map((v) => ({ value: v, label: MEMBER_TYPE_LABELS[v] }));

/**
 * The fields the eligibility policy looks at; shared by /apply, a founder's direct invitation and a
 * member's /settings/profile (`facts`: the job facts only, without name and email).
 */
export function ApplicantFields({ failure, who = "your", facts = false }: { failure?: FormFailure; who?: "your" | "their"; facts?: boolean }) {
  const v = failure?.values ?? {};
  const e = failure?.fieldErrors ?? {};
  const you = who === "your";
  return (
    <>
      {facts ? null : <>
        <Field name="name" label="Full name" autoComplete={you ? "name" : "off"} required defaultValue={v.name} error={e.name} />
        <Field name="email" label="Work email" type="email" autoComplete={you ? "email" : "off"} required defaultValue={v.email} error={e.email}
          hint={you ? "Use your company address if you can; applications from free webmail addresses need an extra check." : undefined} />
      </>}
      <Field name="title" label="Job title" required defaultValue={v.title} error={e.title} />
      <Field name="company" label="Company" autoComplete={you ? "organization" : "off"} required defaultValue={v.company} error={e.company} />
      <SelectField name="roleLevel" label="Role level" options={roleLevels} defaultValue={v.roleLevel} error={e.roleLevel} />
      <RadioGroup name="socialResponsibility" legend={`Do${you ? " you" : " they"} carry social strategy or social media responsibility?`}
        options={[{ value: "yes", label: "Yes" }, { value: "no", label: "No" }]} defaultValue={v.socialResponsibility} error={e.socialResponsibility} />
      <TextAreaField name="socialResponsibilityNote" label="What is that responsibility?" hint="One sentence, e.g. “I own social strategy for our 40 markets.”"
        defaultValue={v.socialResponsibilityNote} error={e.socialResponsibilityNote} />
      <RadioGroup name="memberType" legend="Member type" options={memberTypes} defaultValue={v.memberType} error={e.memberType} />
    </>
  );
}
