import "server-only";
import { db } from "../db/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A case a stored file is part of: what `file.read` decides on, and what a staff read of it is logged against. */
export type FileCase = {
  caseId: string;
  caseNumber: string;
  applicantUserId: string;
  applicantCompanyId: string | null;
  departmentId: string;
  serviceItemId: string;
};

/**
 * The cases a stored file is part of (for `file.read`): through the applications that attached it and the
 * submissions that carried it, the licence issued from a case, and the written notices (不予受理 / 不予许可) on
 * its timeline. Used by lib/files/access.ts.
 */
export async function casesOfFile(fileId: string): Promise<FileCase[]> {
  if (!UUID.test(fileId)) return [];
  const rows = await db().$queryRaw<FileCase[]>`
    SELECT c.id::text AS "caseId", c.case_number AS "caseNumber",
           c.applicant_user_id::text AS "applicantUserId", c.applicant_company_id::text AS "applicantCompanyId", c.department_id::text AS "departmentId",
           c.service_item_id::text AS "serviceItemId"
    FROM case_record c
    WHERE c.application_id IN (SELECT af.application_id FROM application_file af WHERE af.file_id = ${fileId}::uuid)
       OR c.id IN (SELECT l.case_id FROM licence l WHERE l.file_id = ${fileId}::uuid AND l.case_id IS NOT NULL)
       OR c.id IN (SELECT s.case_id FROM case_submission s, jsonb_array_elements(CASE WHEN jsonb_typeof(s.files) = 'array' THEN s.files ELSE '[]'::jsonb END) f WHERE f ->> 'fileId' = ${fileId})
       OR c.id IN (SELECT e.case_id FROM case_event e WHERE e.data ->> 'noticeFileId' = ${fileId})
    ORDER BY c.case_number`;
  return rows;
}
