-- Staff find a lead by its phone, email or WeChat id as well as by name and need: the search expression (and so
-- its trigram index) covers the contact columns. Exact phone and email matches use lead_phone_key / lead_email_key.
drop index lead_search;
create index lead_search on lead using gin (
    (coalesce(customer_name, '') || ' ' || coalesce(contact_name, '') || ' ' || coalesce(need_description, '')
        || ' ' || coalesce(phone, '') || ' ' || coalesce(phone_raw, '') || ' ' || coalesce(email, '') || ' '
        || coalesce(wechat, ''))
    gin_trgm_ops);
