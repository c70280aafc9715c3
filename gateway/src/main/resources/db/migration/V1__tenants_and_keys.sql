create table tenants (
  tenant_id  varchar(63)  primary key,
  name       varchar(200) not null,
  created_at timestamp    not null
);

-- A key is stored only as the SHA-256 (hex) of the whole key; prefix is for display.
-- Platform keys belong to no tenant.
create table api_keys (
  key_id     varchar(40)  primary key,
  tenant_id  varchar(63)  references tenants (tenant_id),
  kind       varchar(10)  not null check (kind in ('write', 'secret', 'platform')),
  roles      varchar(200) not null,
  hash       char(64)     not null unique,
  prefix     varchar(20)  not null,
  created_at timestamp    not null,
  revoked_at timestamp
);

create index api_keys_tenant on api_keys (tenant_id);
