-- GET /api/v1/tasks for one owner with status DONE, CANCELLED or ALL, in due order: the OPEN-only partial index does
-- not serve it, and a year of history (~6 tasks per lead) made it a sequential scan of the whole table (~0.5 s at a
-- million leads). An owner's tasks in due order, whatever their status, are one range of this index.
create index follow_up_task_owner_due on follow_up_task (owner_id, due_at, id);
