-- AlterTable
ALTER TABLE "licence" ADD COLUMN     "holder_code" VARCHAR(18);


-- Licences already issued to companies carry their company's credit code.
UPDATE "licence" l SET "holder_code" = c."credit_code" FROM "company" c WHERE l."holder_company_id" = c."id";
