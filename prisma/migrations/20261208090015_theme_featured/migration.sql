-- AlterTable
ALTER TABLE "theme" ADD COLUMN     "featured" BOOLEAN NOT NULL DEFAULT false;


-- The home page used to show every theme. Existing themes with an English name (those an administrator or the demo
-- wrote) stay on it, while themes the importer created from a catalogue's own classification (it gives them no
-- English name) move to the list of all themes: a real district catalogue brings a hundred of them.
UPDATE "theme" SET "featured" = true WHERE "name_en" <> '';
