-- When the lead was registered, kept beside the profile so that an assignment can tell follow-up where the
-- first-response clock starts without reading the profile's JSON again.
alter table lead add column registered_at timestamptz;
update lead set registered_at = (profile::jsonb ->> 'registeredAt')::timestamptz
 where profile is not null and profile::jsonb ? 'registeredAt';
