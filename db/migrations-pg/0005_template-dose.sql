ALTER TABLE "template_items" ADD COLUMN "side" text DEFAULT 'both' NOT NULL;--> statement-breakpoint
ALTER TABLE "template_items" ADD COLUMN "load_kg" double precision;--> statement-breakpoint
ALTER TABLE "template_items" ADD COLUMN "band_colour" text;--> statement-breakpoint
ALTER TABLE "template_items" ADD CONSTRAINT "template_items_side_check" CHECK (side in ('both', 'affected', 'left', 'right'));--> statement-breakpoint
ALTER TABLE "template_items" ADD CONSTRAINT "template_items_band_check" CHECK (band_colour is null or band_colour in ('tan', 'yellow', 'red', 'green', 'blue', 'black', 'silver', 'gold'));--> statement-breakpoint
ALTER TABLE "template_items" ADD CONSTRAINT "template_items_load_check" CHECK (load_kg is null or load_kg >= 0);--> statement-breakpoint
ALTER TABLE "template_items" ADD CONSTRAINT "template_items_one_load_check" CHECK (load_kg is null or band_colour is null);--> statement-breakpoint
-- A template item without a side used to start a program on the patient's affected side when its
-- exercise is done on one leg: it keeps doing so as "affected"; every other item is on both legs.
-- The migration session is on the system path, so every clinic's exercises are seen.
UPDATE "template_items" SET "side" = 'affected' WHERE "exercise_id" IN (SELECT "id" FROM "exercises" WHERE "sidedness" = 'one_leg');
