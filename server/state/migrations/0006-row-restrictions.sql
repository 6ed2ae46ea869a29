-- Row-level restriction (issue 15, core/accounts/row-restriction.ts): the rule of each user and API
-- token as canonical JSON, {"all":true} or {"limits":{"county":[…],"organization":[…],"payer":[…]}}.
-- NULL is no rule: an admin then reads every row, anyone else none (default deny).
ALTER TABLE users ADD COLUMN restriction VARCHAR;
ALTER TABLE api_tokens ADD COLUMN restriction VARCHAR;
