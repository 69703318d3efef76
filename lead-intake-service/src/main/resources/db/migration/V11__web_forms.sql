-- Website forms: the public endpoint takes posts for a form key from its allowed origins only.
create table web_form (
    key             text primary key,
    name            text        not null,
    source_detail   text,
    allowed_origins text        not null,            -- JSON array of origins, e.g. ["https://www.example.cn"]
    redirect_url    text,
    field_mapping   text        not null,            -- JSON object: the form's field name -> the lead field
    honeypot_field  text        not null,
    created_at      timestamptz not null,
    created_by      text        not null
);

-- Idempotency-Key of public submissions: a double click makes one lead and gets the first answer again.
create table form_submission (
    form_key        text        not null references web_form (key),
    idempotency_key text        not null,
    lead_id         text,
    outcome         text,
    touch_id        text,
    created_at      timestamptz not null,
    primary key (form_key, idempotency_key)
);
create index form_submission_created on form_submission (created_at);
