-- "Who read my data" (issue 15, lib/audit/read-log.ts): staff reads of personal data are audit entries whose
-- `after` names the data subject. An applicant's access log filters on that subject, newest first, and these partial
-- expression indexes make it an index range scan however long the trail grows. Prisma's schema language has no
-- expression or partial indexes, so they exist only here (tests/integration/migrations lists them as raw-SQL-only).
CREATE INDEX "audit_log_read_subject_user_idx" ON "audit_log" (("after" ->> 'subjectUserId'), "id") WHERE "action" LIKE 'read.%';

CREATE INDEX "audit_log_read_subject_company_idx" ON "audit_log" (("after" ->> 'subjectCompanyId'), "id") WHERE "action" LIKE 'read.%';
