-- Each rep's open leads by the leads' current grade, kept like rep.open_leads (V12) instead of counted: a rep's load
-- (GET /reps/{id}/load, and every answer about a rep) used to join all of the rep's active assignments to their leads,
-- ~1 s for a rep with 93,000 open leads after a year. The same triggers keep it in the transaction that starts, ends
-- or moves an assignment, and a change of a lead's grade moves its count between grades. Whichever of the two rows a
-- transaction writes first, each trigger reads the other's current state, so the order of the writes does not matter.
create table rep_grade_load (
    rep_id     text not null,
    grade      text not null, -- '?' for a lead without a grade
    open_leads int  not null check (open_leads >= 0),
    primary key (rep_id, grade)
);

insert into rep_grade_load (rep_id, grade, open_leads)
select a.owner_id, coalesce(l.grade, '?'), count(*)
  from assignment a join lead l on l.lead_id = a.lead_id
 where a.active
 group by a.owner_id, coalesce(l.grade, '?');

-- An update first: INSERT ... ON CONFLICT checks the proposed row's constraints before it looks for a conflict, so a
-- decrement proposed as a new row of -1 would fail the check even where the row exists. Only a first lead of a rep
-- and grade inserts (two at once: the second one's conflict adds to the first).
create function rep_grade_load_add(rep text, lead_grade text, delta int) returns void language plpgsql as $$
begin
    update rep_grade_load set open_leads = open_leads + delta where rep_id = rep and grade = coalesce(lead_grade, '?');
    if not found then
        insert into rep_grade_load as r (rep_id, grade, open_leads) values (rep, coalesce(lead_grade, '?'), delta)
        on conflict (rep_id, grade) do update set open_leads = r.open_leads + excluded.open_leads;
    end if;
end
$$;

create or replace function assignment_open_leads() returns trigger language plpgsql as $$
declare
    lead_grade text;
begin
    select grade into lead_grade from lead
     where lead_id = case when tg_op = 'DELETE' then old.lead_id else new.lead_id end;
    if tg_op in ('UPDATE', 'DELETE') and old.active then
        update rep set open_leads = open_leads - 1 where rep_id = old.owner_id;
        perform rep_grade_load_add(old.owner_id, lead_grade, -1);
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.active then
        update rep set open_leads = open_leads + 1 where rep_id = new.owner_id;
        perform rep_grade_load_add(new.owner_id, lead_grade, 1);
    end if;
    return null;
end
$$;

create function lead_grade_open_leads() returns trigger language plpgsql as $$
declare
    owner text;
begin
    select owner_id into owner from assignment where lead_id = new.lead_id and active;
    if owner is not null then
        perform rep_grade_load_add(owner, old.grade, -1);
        perform rep_grade_load_add(owner, new.grade, 1);
    end if;
    return null;
end
$$;

create trigger lead_grade_open_leads after update on lead
    for each row when (old.grade is distinct from new.grade) execute function lead_grade_open_leads();
