PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_template_items` (
	`id` text PRIMARY KEY NOT NULL,
	`template_id` text NOT NULL,
	`exercise_id` text NOT NULL,
	`position` integer NOT NULL,
	`sets` integer,
	`reps` integer,
	`hold_seconds` integer,
	`rest_seconds` integer,
	`duration_seconds` integer,
	`sessions_per_day` integer DEFAULT 1 NOT NULL,
	`days_per_week` integer DEFAULT 7 NOT NULL,
	`side` text DEFAULT 'both' NOT NULL,
	`load_kg` real,
	`band_colour` text,
	`notes` text,
	FOREIGN KEY (`template_id`) REFERENCES `program_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exercise_id`) REFERENCES `exercises`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "template_items_sets_check" CHECK(sets is null or sets >= 1),
	CONSTRAINT "template_items_reps_check" CHECK(reps is null or reps >= 1),
	CONSTRAINT "template_items_hold_check" CHECK(hold_seconds is null or hold_seconds >= 0),
	CONSTRAINT "template_items_rest_check" CHECK(rest_seconds is null or rest_seconds >= 0),
	CONSTRAINT "template_items_duration_check" CHECK(duration_seconds is null or duration_seconds >= 1),
	CONSTRAINT "template_items_spd_check" CHECK(sessions_per_day between 1 and 10),
	CONSTRAINT "template_items_dpw_check" CHECK(days_per_week between 1 and 7),
	CONSTRAINT "template_items_side_check" CHECK(side in ('both', 'affected', 'left', 'right')),
	CONSTRAINT "template_items_band_check" CHECK(band_colour is null or band_colour in ('tan', 'yellow', 'red', 'green', 'blue', 'black', 'silver', 'gold')),
	CONSTRAINT "template_items_load_check" CHECK(load_kg is null or load_kg >= 0),
	CONSTRAINT "template_items_one_load_check" CHECK(load_kg is null or band_colour is null)
);
--> statement-breakpoint
INSERT INTO `__new_template_items`("id", "template_id", "exercise_id", "position", "sets", "reps", "hold_seconds", "rest_seconds", "duration_seconds", "sessions_per_day", "days_per_week", "notes") SELECT "id", "template_id", "exercise_id", "position", "sets", "reps", "hold_seconds", "rest_seconds", "duration_seconds", "sessions_per_day", "days_per_week", "notes" FROM `template_items`;--> statement-breakpoint
DROP TABLE `template_items`;--> statement-breakpoint
ALTER TABLE `__new_template_items` RENAME TO `template_items`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `template_items_position_idx` ON `template_items` (`template_id`,`position`);--> statement-breakpoint
-- A template item without a side used to start a program on the patient's affected side when its
-- exercise is done on one leg: it keeps doing so as "affected"; every other item is on both legs.
UPDATE `template_items` SET `side` = 'affected' WHERE `exercise_id` IN (SELECT `id` FROM `exercises` WHERE `sidedness` = 'one_leg');
