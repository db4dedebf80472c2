CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL,
	CONSTRAINT "sign_in_throttle_kind_check" CHECK(kind in ('account', 'address')),
	CONSTRAINT "sign_in_throttle_failures_check" CHECK(failures >= 0)
);
--> statement-breakpoint
CREATE INDEX `sign_in_throttle_last_failure_idx` ON `sign_in_throttle` (`last_failure_at`);