-- Opportunities already in a closed stage: their last update is the best record of when they closed.
UPDATE `opportunities` SET `closed_at` = `updated_at` WHERE `closed_at` IS NULL AND `stage_id` IN (SELECT `id` FROM `pipeline_stages` WHERE `is_closed` = 1);
