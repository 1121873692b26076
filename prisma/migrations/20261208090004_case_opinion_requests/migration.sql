-- CreateTable
CREATE TABLE "case_opinion_request" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "department_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "due_date" DATE,
    "answered_at" TIMESTAMPTZ(3),
    "answered_by_id" UUID,
    "opinion" VARCHAR(10),
    "reason" TEXT,
    "legal_basis" TEXT,
    "escalated_at" TIMESTAMPTZ(3),

    CONSTRAINT "case_opinion_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_opinion_request_department_id_answered_at_idx" ON "case_opinion_request"("department_id", "answered_at");

-- CreateIndex
CREATE UNIQUE INDEX "case_opinion_request_case_id_department_id_key" ON "case_opinion_request"("case_id", "department_id");

-- AddForeignKey
ALTER TABLE "case_opinion_request" ADD CONSTRAINT "case_opinion_request_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "case_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

