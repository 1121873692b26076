-- CreateEnum
CREATE TYPE "StaffDuty" AS ENUM ('INTAKE', 'HANDLING', 'REVIEW', 'DECISION');

-- AlterTable
ALTER TABLE "user_account" ADD COLUMN     "duties" "StaffDuty"[] DEFAULT ARRAY[]::"StaffDuty"[];

-- AlterTable
ALTER TABLE "case_record" ADD COLUMN     "current_duty" "StaffDuty",
ADD COLUMN     "current_step" VARCHAR(20),
ADD COLUMN     "step_due_date" DATE,
ADD COLUMN     "shared_department_ids" UUID[] DEFAULT ARRAY[]::UUID[];

-- CreateIndex
CREATE INDEX "case_record_department_id_current_duty_due_date_idx" ON "case_record"("department_id", "current_duty", "due_date");


-- Staff who handled cases before duties existed keep doing so until their department administrator narrows
-- their duties in /admin/users (an upgrade must not stop every case). New staff start with none.
UPDATE "user_account" SET "duties" = ARRAY['INTAKE', 'HANDLING', 'REVIEW', 'DECISION']::"StaffDuty"[]
WHERE "role" IN ('CLERK', 'DEPT_ADMIN');

-- Open cases wait for the step their status implies under the default workflow, and the next transition recomputes it
-- from the item version the case was filed under (lib/cases/workflow.ts).
UPDATE "case_record" SET "current_step" = CASE "status"
    WHEN 'SUBMITTED' THEN 'ACCEPTANCE' WHEN 'PRE_REVIEW' THEN 'ACCEPTANCE'
    WHEN 'ACCEPTED' THEN 'DECISION' WHEN 'IN_REVIEW' THEN 'DECISION' WHEN 'SPECIAL_PROCEDURE' THEN 'DECISION'
    WHEN 'APPROVED' THEN 'COMPLETION' WHEN 'COMPLETED' THEN 'DELIVERY' END,
  "current_duty" = (CASE "status"
    WHEN 'SUBMITTED' THEN 'INTAKE' WHEN 'PRE_REVIEW' THEN 'INTAKE'
    WHEN 'ACCEPTED' THEN 'DECISION' WHEN 'IN_REVIEW' THEN 'DECISION' WHEN 'SPECIAL_PROCEDURE' THEN 'DECISION'
    WHEN 'APPROVED' THEN 'HANDLING' WHEN 'COMPLETED' THEN 'INTAKE' END)::"StaffDuty";
