-- AlterTable
ALTER TABLE "Approval" ADD COLUMN     "intentExpiresAt" TIMESTAMP(3),
ADD COLUMN     "subjectHash" TEXT,
ADD COLUMN     "usedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "IntentKey" (
    "orgId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "secretCipher" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntentKey_pkey" PRIMARY KEY ("orgId")
);

-- AddForeignKey
ALTER TABLE "IntentKey" ADD CONSTRAINT "IntentKey_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

