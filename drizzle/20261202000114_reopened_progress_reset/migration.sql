-- A problem reopened by a citizen's dispute used to keep the 100 % of the disputed resolution.
-- Its progress starts again from 0 (docs/workflows.md); the 100 % stays in its history.
UPDATE `issues` SET `progress` = 0 WHERE `status` = 'REOPENED' AND `progress` = 100;
