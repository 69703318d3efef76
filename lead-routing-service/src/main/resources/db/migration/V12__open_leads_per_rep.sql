-- Each rep's open leads, kept with the assignments instead of counted from them: routing decides every lead from
-- every rep's load, and counting active assignments grows with the team's history (~125 ms at a million open
-- leads, under the lock that serialises decisions). A trigger keeps the count in the same transaction as the row
-- that changes it, on every path that starts, ends or moves an assignment (the ORM's, native SQL, a repair by hand).
alter table rep add column open_leads int not null default 0 check (open_leads >= 0);

update rep r set open_leads = (select count(*) from assignment a where a.owner_id = r.rep_id and a.active);

create function assignment_open_leads() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.active then
        update rep set open_leads = open_leads - 1 where rep_id = old.owner_id;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.active then
        update rep set open_leads = open_leads + 1 where rep_id = new.owner_id;
    end if;
    return null;
end
$$;

create trigger assignment_open_leads_insert after insert on assignment
    for each row when (new.active) execute function assignment_open_leads();
create trigger assignment_open_leads_delete after delete on assignment
    for each row when (old.active) execute function assignment_open_leads();
-- The ORM rewrites every column of a changed row; only a change of state or owner moves a count.
create trigger assignment_open_leads_update after update on assignment
    for each row when (old.active is distinct from new.active or old.owner_id is distinct from new.owner_id)
    execute function assignment_open_leads();
