-- Every published version of a rule policy (PolicyVersionPublished), with the policy lab's trial it was activated
-- from: what the monthly review's "what we tried" section lists. Not part of a generation: a version is the same
-- fact in every rebuild, and a replay re-inserts it harmlessly (the key is the policy and its version).
create table policy_version (
    policy        text        not null,
    version       integer     not null,
    published_at  timestamptz not null,
    published_by  text,
    reason        text,
    trial_kind    text,
    trial_from    date,
    trial_to      date,
    trial_leads   integer,
    trial_measure text,
    trial_before  numeric,
    trial_after   numeric,
    trial_ran_by  text,
    trial_ran_at  timestamptz,
    primary key (policy, version)
);
create index policy_version_published_at on policy_version (published_at);
